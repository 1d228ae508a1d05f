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

-- ---------------------------------------------------------------------------------------------------------------
-- Separation of duties: desks, workers, the citizen login service and the SMS sender each log in as a role of
-- their own, with only what their work needs. reviewer_app_rw above stays the operator's console role (intake,
-- administration, retention, `keys rotate`). Every role may read the schema version and record (not change) the
-- store key's fingerprint in database_meta, and may append to (not change) the audit trail.
--
--   reviewer_desk    the workstations: applications, documents, decisions, grants. It never reads a one-time
--                    password, a login secret or an SMS text: on otp_credentials it sees only who and which
--                    phone (to register a login when approving), on sms_outbox only the delivery state.
--   reviewer_worker  the face pre-scorer: reads applications and documents, writes pre-scores and the
--                    face-duplicate search (descriptors, the face_duplicate check).
--   reviewer_login   the citizen login service: logins, codes sent, grants; no applications, no documents.
--   reviewer_sms     the SMS sender: the outbox only.
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['reviewer_desk', 'reviewer_worker', 'reviewer_login', 'reviewer_sms'] LOOP
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
                EXECUTE format('CREATE ROLE %I LOGIN', r);  -- set passwords with ALTER ROLE ... PASSWORD
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), r);
    END LOOP;
END $$;

GRANT USAGE ON SCHEMA public TO reviewer_desk, reviewer_worker, reviewer_login, reviewer_sms;
-- Start from nothing, so that running the script again after a change narrows rights as well as widening them.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM reviewer_desk, reviewer_worker, reviewer_login, reviewer_sms;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reviewer_desk, reviewer_worker, reviewer_login, reviewer_sms;
GRANT SELECT ON alembic_version TO reviewer_desk, reviewer_worker, reviewer_login, reviewer_sms;
GRANT SELECT, INSERT ON database_meta, audit_events TO reviewer_desk, reviewer_worker, reviewer_login, reviewer_sms;

GRANT SELECT, INSERT, UPDATE ON applications, applicants, children, documents, check_results, face_prescores,
    face_encoding_cache, claims, decisions, citizens, access_grants, staff, registry_birth_records,
    training_answers, document_blobs TO reviewer_desk;
-- Writing a login secret or an SMS is harmless; reading them back is what is withheld.
GRANT SELECT (id, citizen_key, phone_e164), INSERT, UPDATE (phone_e164) ON otp_credentials TO reviewer_desk;
GRANT SELECT (id, phone_e164, purpose, application_id, created_at, status, attempts, next_attempt_at, sent_at,
    gateway_id, last_error), INSERT ON sms_outbox TO reviewer_desk;

GRANT SELECT ON applications, applicants, documents, document_blobs, face_prescores TO reviewer_worker;
GRANT UPDATE (prescore_state, prescore_lease_until, prescore_worker, prescore_retry_key) ON applications
    TO reviewer_worker;
GRANT SELECT, INSERT ON face_prescores, face_encoding_cache TO reviewer_worker;
GRANT UPDATE ON face_encoding_cache TO reviewer_worker;  -- an entry computed again replaces an incomplete one
-- The face-duplicate search: the live faces' descriptors (a descriptor computed again replaces its row) and the
-- face_duplicate checks of both applications of a match (rewritten, not edited). A decision keeps its own copy of
-- the checks it was made on.
GRANT SELECT, INSERT, DELETE ON face_descriptors, check_results TO reviewer_worker;
-- A child's application is decided with the MFC confirmations of the parent and child; a desk records one from
-- the review page (confirmations are only added), and a supervisor verifies or refuses one recorded at a desk
-- (only its verification columns change).
GRANT SELECT, INSERT ON kinship_confirmations TO reviewer_desk;
GRANT UPDATE (state, verified_by, verified_at, verify_comment) ON kinship_confirmations TO reviewer_desk;
-- A desk computes a pre-score itself when no worker has yet (the worker's own code, search included).
GRANT SELECT, INSERT, DELETE ON face_descriptors TO reviewer_desk;
GRANT DELETE ON check_results TO reviewer_desk;

GRANT SELECT ON citizens TO reviewer_login;
GRANT SELECT, UPDATE ON access_grants, otp_credentials TO reviewer_login;
GRANT SELECT, INSERT, UPDATE ON otp_challenges TO reviewer_login;
GRANT SELECT (id, phone_e164, purpose, created_at), INSERT ON sms_outbox TO reviewer_login;  -- the caps count codes sent

GRANT SELECT, UPDATE ON sms_outbox TO reviewer_sms;
