-- reviewer-app: database roles for PostgreSQL (see docs/postgres.md).
--
-- Run as the owner of the schema (the role that ran `reviewer-app db upgrade`) or a superuser, once per
-- database, and again after every `db upgrade` that adds tables:
--     reviewer-app db grants --print | psql "postgresql://OWNER@HOST/DB"
-- Idempotent: running it twice changes nothing.
--
--   reviewer_app_rw           the role the workstations log in as: read/write on every table, but only
--                             SELECT and INSERT on audit_events (the audit trail is append-only).
--   reviewer_app_maintenance  NOLOGIN; nobody is a member by default. A DBA who must archive old audit entries
--                             is granted it for the job and runs `SET ROLE reviewer_app_maintenance`.
--
-- The trigger below refuses UPDATE, DELETE and TRUNCATE of audit_events for every role, the table owner and
-- superusers included, unless the current role is exactly reviewer_app_maintenance. (A superuser can still drop
-- the trigger; that is what `reviewer-app audit verify` is for.)

DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reviewer_app_rw') THEN
        CREATE ROLE reviewer_app_rw LOGIN;  -- set its password with ALTER ROLE ... PASSWORD
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;  -- created concurrently: fine
END $$;

DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reviewer_app_maintenance') THEN
        CREATE ROLE reviewer_app_maintenance NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$ BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO reviewer_app_rw', current_database());
END $$;

GRANT USAGE ON SCHEMA public TO reviewer_app_rw, reviewer_app_maintenance;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO reviewer_app_rw;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO reviewer_app_rw;
-- Tables created later by the role running this script get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO reviewer_app_rw;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO reviewer_app_rw;

-- The schema version is the owner's business: the application only reads it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM reviewer_app_rw;

-- The audit trail: append-only for the application.
REVOKE ALL ON audit_events FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM reviewer_app_rw;
GRANT SELECT, INSERT ON audit_events TO reviewer_app_rw;
GRANT SELECT, UPDATE, DELETE, TRUNCATE ON audit_events TO reviewer_app_maintenance;

CREATE OR REPLACE FUNCTION reviewer_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_user = 'reviewer_app_maintenance' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION 'audit_events is append-only: % refused for role %', TG_OP, current_user
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit entries are never changed; see docs/postgres.md (reviewer_app_maintenance).';
END $$;

DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION reviewer_audit_append_only();
DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events;
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_audit_append_only();
