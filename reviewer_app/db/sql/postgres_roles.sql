-- reviewer-app: database roles for PostgreSQL (see docs/postgres.md).
--
-- Run as the owner of the schema (the role that ran `reviewer-app db upgrade`) or a superuser, once per
-- database, and again after every `db upgrade` that adds tables:
--     reviewer-app db grants --print | psql "postgresql://OWNER@HOST/DB"
-- Idempotent: running it twice changes nothing.
--
-- What each back-end role may do (desks have no role: they talk to the reviewer service, never the database):
--
--   role                      logs in                    may
--   reviewer_app_service      `reviewer-app serve`       the screens' use cases: queue, claims, applications and
--                                                        documents, decisions (INSERT; UPDATE only the second-review
--                                                        columns), grants, citizens, staff administration, MFC
--                                                        confirmations, portal intake, sessions, idempotency keys,
--                                                        audit search (SELECT/INSERT audit_events). Never: otp
--                                                        secrets and counters, codes, SMS texts.
--   reviewer_app_rw           the operator's console     everything but UPDATE/DELETE/TRUNCATE of audit_events and
--                             beside the service         writes to alembic_version (intake, retention, keys rotate,
--                                                        access unlock, notify)
--   reviewer_worker           `reviewer-app worker`      read applications and documents; pre-scores, the encoding
--                                                        cache, the face-duplicate search; nothing on staff,
--                                                        citizens, logins, grants, decisions
--   reviewer_login            the citizen login service  citizens (read), grants (read, expire), logins (counters and
--                                                        lockout, never the phone), challenges, codes sent
--   reviewer_sms              `reviewer-app sms send`    the SMS outbox only
--   reviewer_app_maintenance  nobody (NOLOGIN)           the only role the guards below let change history: a DBA is
--                                                        granted it for a planned archive or repair
--
-- Guards that hold for EVERY role, the table owner and superusers included (only reviewer_app_maintenance passes):
--   audit_events      append-only: no UPDATE, DELETE, TRUNCATE.
--   decisions         never deleted; an UPDATE may only move the second review forward ('' -> pending ->
--                     confirmed | overturned, by someone other than the decision's maker) and changes nothing else.
--   check_results     never updated; a failed check is never deleted, except that the face-duplicate search
--                     rewrites its own check: it stays failed, unless the face was described again (a new
--                     descriptor and its audit entry) in the same transaction (checked at commit).
--   otp_credentials   the login phone changes only with a `citizen.phone_change` audit entry for that citizen and
--                     that new phone in the same transaction (checked at commit).
--   database_meta     `purpose` (production or training) is written once, into a database without applications,
--                     and never changed or removed.
--   access_grants     created only with its `grant.create` audit entry in the same transaction (checked at commit);
--                     never deleted, reopened, or moved to another record, holder or period.
--   staff             a role (or the password-only `service` flag) changes only with its `staff.role_change`
--                     audit entry in the same transaction (checked at commit).
-- (A superuser can drop a trigger; the keyed audit chain and its signed checkpoints are for that.)

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
-- Separation of duties: the reviewer service, the pre-score workers, the citizen login and the SMS sender each log
-- in as a role of their own, with only what their work needs. reviewer_app_rw above stays the operator's console
-- role beside the service. Every role may read the schema version and record (not change) the store key's
-- fingerprint in database_meta, and may append to (not change) the audit trail.
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['reviewer_app_service', 'reviewer_worker', 'reviewer_login', 'reviewer_sms'] LOOP
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
                EXECUTE format('CREATE ROLE %I LOGIN', r);  -- set passwords with ALTER ROLE ... PASSWORD
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), r);
    END LOOP;
END $$;

-- The desks' former role: desks now talk to the service and hold no database account. An installation set up
-- before keeps the role, but it loses every right in this database (drop it with DROP ROLE once every database
-- of the server has been through this script).
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reviewer_desk') THEN
        EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM reviewer_desk';
        EXECUTE 'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM reviewer_desk';
        EXECUTE 'REVOKE ALL ON SCHEMA public FROM reviewer_desk';
        EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM reviewer_desk', current_database());
    END IF;
END $$;

GRANT USAGE ON SCHEMA public TO reviewer_app_service, reviewer_worker, reviewer_login, reviewer_sms;
-- Start from nothing, so that running the script again after a change narrows rights as well as widening them.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM reviewer_app_service, reviewer_worker, reviewer_login, reviewer_sms;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public
    TO reviewer_app_service, reviewer_worker, reviewer_login, reviewer_sms;
GRANT SELECT ON alembic_version TO reviewer_app_service, reviewer_worker, reviewer_login, reviewer_sms;
GRANT SELECT, INSERT ON database_meta, audit_events
    TO reviewer_app_service, reviewer_worker, reviewer_login, reviewer_sms;

-- The reviewer service: every screen's use case, portal intake and staff administration.
GRANT SELECT, INSERT, UPDATE ON applications, applicants, children, documents, document_blobs, face_prescores,
    face_encoding_cache, claims, citizens, person_identifiers, access_grants, staff, registry_birth_records,
    training_answers, service_sessions TO reviewer_app_service;
GRANT SELECT, INSERT, UPDATE, DELETE ON decision_requests TO reviewer_app_service;  -- a stale key is replaced
-- A decision is written once; a supervisor's second review fills in its own columns only (and the guard below
-- lets them move forward only).
GRANT SELECT, INSERT ON decisions TO reviewer_app_service;
GRANT UPDATE (second_review, second_reviewer_id, second_review_comment, second_reviewed_at) ON decisions
    TO reviewer_app_service;
-- Checks are written at intake and rewritten (DELETE + INSERT) by the face-duplicate search, which a desk's
-- pre-score runs too; never UPDATEd.
GRANT SELECT, INSERT, DELETE ON check_results, face_descriptors TO reviewer_app_service;
-- A service never reads a one-time password, a login secret or an SMS text: on otp_credentials it sees only who
-- and which phone (to register a login when approving; the phone moves only with its audit entry, see below), on
-- sms_outbox only the delivery state.
GRANT SELECT (id, citizen_key, phone_e164), INSERT, UPDATE (phone_e164) ON otp_credentials TO reviewer_app_service;
GRANT SELECT (id, phone_e164, purpose, application_id, created_at, status, attempts, next_attempt_at, sent_at,
    gateway_id, last_error), INSERT ON sms_outbox TO reviewer_app_service;
-- MFC kinship confirmations are only added; a supervisor verifies or refuses one recorded at a desk (only its
-- verification columns change).
GRANT SELECT, INSERT ON kinship_confirmations TO reviewer_app_service;
GRANT UPDATE (state, verified_by, verified_at, verify_comment) ON kinship_confirmations TO reviewer_app_service;
-- database_meta (above): SELECT and INSERT only, like every role: the store key's fingerprint and a training
-- database's sample day are recorded once, never changed (`keys rotate` runs on the console); the purpose is
-- guarded below as well.

GRANT SELECT ON applications, applicants, documents, document_blobs, face_prescores TO reviewer_worker;
GRANT UPDATE (prescore_state, prescore_lease_until, prescore_worker, prescore_retry_key) ON applications
    TO reviewer_worker;
GRANT SELECT, INSERT ON face_prescores, face_encoding_cache TO reviewer_worker;
GRANT UPDATE ON face_encoding_cache TO reviewer_worker;  -- an entry computed again replaces an incomplete one
-- The face-duplicate search: the live faces' descriptors (a descriptor computed again replaces its row) and the
-- face_duplicate checks of both applications of a match (rewritten, not edited). A decision keeps its own copy of
-- the checks it was made on.
GRANT SELECT, INSERT, DELETE ON face_descriptors, check_results TO reviewer_worker;

GRANT SELECT ON citizens TO reviewer_login;
GRANT SELECT, UPDATE (status) ON access_grants TO reviewer_login;  -- a child's grant expires at 15
GRANT SELECT, UPDATE (counter, failures, locked_until, last_sent_at) ON otp_credentials TO reviewer_login;
GRANT SELECT, INSERT, UPDATE ON otp_challenges TO reviewer_login;
GRANT SELECT (id, phone_e164, purpose, created_at), INSERT ON sms_outbox TO reviewer_login;  -- the caps count codes sent

GRANT SELECT, UPDATE ON sms_outbox TO reviewer_sms;

-- What the maintenance role may repair, for a planned job only (the guards below let it through).
GRANT SELECT, UPDATE, DELETE ON decisions, check_results, otp_credentials, database_meta
    TO reviewer_app_maintenance;

-- ---------------------------------------------------------------------------------------------------------------
-- Guards: what no role may do behind the application's back, the owner included (see the head of this script).

CREATE OR REPLACE FUNCTION reviewer_decisions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    review_columns constant text[] := ARRAY['second_review', 'second_reviewer_id', 'second_review_comment',
                                            'second_reviewed_at'];
BEGIN
    IF current_user = 'reviewer_app_maintenance' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - review_columns) = (to_jsonb(OLD) - review_columns) AND (
            to_jsonb(NEW) = to_jsonb(OLD)
            -- a supervisor sets it aside for a second look...
            OR (OLD.second_review = '' AND NEW.second_review = 'pending' AND NEW.second_reviewer_id IS NULL)
            -- ...and another person than its maker gives the verdict, once
            OR (OLD.second_review = 'pending' AND NEW.second_review IN ('confirmed', 'overturned')
                AND NEW.second_reviewer_id IS NOT NULL AND NEW.second_reviewer_id <> OLD.staff_id)) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'decisions are never deleted or changed, only their second review moves forward: % refused '
                    'for role %', TG_OP, current_user
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'A decision is corrected by a second review or a new decision; see docs/postgres.md.';
END $$;

DROP TRIGGER IF EXISTS decisions_written_once ON decisions;
CREATE TRIGGER decisions_written_once BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION reviewer_decisions_guard();
DROP TRIGGER IF EXISTS decisions_no_truncate ON decisions;
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_decisions_guard();

CREATE OR REPLACE FUNCTION reviewer_check_results_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_user = 'reviewer_app_maintenance' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'DELETE' AND OLD.check_id = 'face_duplicate' THEN  -- rewritten by the search (kept failed: below)
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'check results are never changed or deleted: % refused for role %', TG_OP, current_user
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'The reviewer sees the checks as intake and the face search wrote them; see docs/postgres.md.';
END $$;

DROP TRIGGER IF EXISTS check_results_written_once ON check_results;
CREATE TRIGGER check_results_written_once BEFORE UPDATE OR DELETE ON check_results
    FOR EACH ROW EXECUTE FUNCTION reviewer_check_results_guard();
DROP TRIGGER IF EXISTS check_results_no_truncate ON check_results;
CREATE TRIGGER check_results_no_truncate BEFORE TRUNCATE ON check_results
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_check_results_guard();

-- Whether a row was written by the current transaction (its xmin is this transaction's id). The writes these
-- guards accept come in one transaction with no savepoint between them, as the application makes them.
CREATE OR REPLACE FUNCTION reviewer_written_now(row_xmin xid) RETURNS boolean LANGUAGE sql VOLATILE AS $$
    SELECT row_xmin::text = (txid_current() % 4294967296)::text
$$;

-- A failed face-duplicate check deleted by the search must, at commit, be back failed (the search may add or
-- change its matches), or the application's live face must have been described again in this transaction: a new
-- descriptor and its audit entry (`prescore.computed` by the worker or a desk's pre-score, or
-- `face_descriptor.reindexed`). A re-search with a new model may then find no one else; nothing else clears a
-- same-face-under-another-identity finding without a trace.
CREATE OR REPLACE FUNCTION reviewer_failed_check_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_user = 'reviewer_app_maintenance' THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM applications WHERE id = OLD.application_id) THEN  -- the application went too
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM check_results WHERE application_id = OLD.application_id
               AND check_id = OLD.check_id AND status = 'fail') THEN
        RETURN NULL;
    END IF;
    IF OLD.check_id = 'face_duplicate'
       AND EXISTS (SELECT 1 FROM face_descriptors d WHERE d.application_id = OLD.application_id
                   AND reviewer_written_now(d.xmin))
       AND EXISTS (SELECT 1 FROM audit_events e WHERE e.target_type = 'application'
                   AND e.target_id = OLD.application_id
                   AND e.action IN ('prescore.computed', 'face_descriptor.reindexed')
                   AND reviewer_written_now(e.xmin)) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'check_results: the failed % check of application % was removed, not rewritten as failed '
                    'nor searched again with a new description of the face (role %)',
                    OLD.check_id, OLD.application_id, current_user
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'A failed check is never cleared behind the reviewer''s back; see docs/postgres.md.';
END $$;

DROP TRIGGER IF EXISTS check_results_failure_kept ON check_results;
CREATE CONSTRAINT TRIGGER check_results_failure_kept AFTER DELETE ON check_results
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.status = 'fail')
    EXECUTE FUNCTION reviewer_failed_check_kept();

-- The login phone is where a citizen's codes go: moving it is taking over the citizen's record. A decision that
-- moves it writes a `citizen.phone_change` audit entry (target: the citizen key's first 16 characters, details:
-- the new phone's last 4 digits) in the same transaction; at commit, a moved phone without one is refused. The
-- entry is sealed with the audit key, which the database does not hold: a hand-made one breaks `audit verify`.
CREATE OR REPLACE FUNCTION reviewer_phone_change_audited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_user = 'reviewer_app_maintenance' THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_events e
                   WHERE e.action = 'citizen.phone_change' AND e.target_type = 'citizen'
                     AND e.target_id = left(NEW.citizen_key, 16)
                     AND e.details ->> 'new_phone_last4' = right(NEW.phone_e164, 4)
                     AND reviewer_written_now(e.xmin)) THEN
        RAISE EXCEPTION 'otp_credentials: the login phone of citizen % was changed without a citizen.phone_change '
                        'audit entry in the same transaction (role %)', left(NEW.citizen_key, 16), current_user
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'The login phone moves only with an approved change-of-phone application; see docs/postgres.md.';
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS otp_credentials_phone_audited ON otp_credentials;
CREATE CONSTRAINT TRIGGER otp_credentials_phone_audited AFTER UPDATE OF phone_e164 ON otp_credentials
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.phone_e164 IS DISTINCT FROM NEW.phone_e164)
    EXECUTE FUNCTION reviewer_phone_change_audited();

-- The database's purpose (production or training) decides whether anything in it is real. It is written once,
-- into a database that holds no application yet (`reviewer-app train` marks its fresh database), and never after.
CREATE OR REPLACE FUNCTION reviewer_has_applications() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public AS $$ SELECT EXISTS (SELECT 1 FROM applications) $$;

CREATE OR REPLACE FUNCTION reviewer_purpose_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_user = 'reviewer_app_maintenance' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'INSERT' AND NOT reviewer_has_applications() THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'database_meta: the database''s purpose is set once, when it is created: % refused for role %',
                    TG_OP, current_user
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'A training database is a database of its own (reviewer-app train); see docs/postgres.md.';
END $$;

DROP TRIGGER IF EXISTS database_meta_purpose_insert ON database_meta;
CREATE TRIGGER database_meta_purpose_insert BEFORE INSERT ON database_meta
    FOR EACH ROW WHEN (NEW.key = 'purpose') EXECUTE FUNCTION reviewer_purpose_guard();
DROP TRIGGER IF EXISTS database_meta_purpose_change ON database_meta;
CREATE TRIGGER database_meta_purpose_change BEFORE UPDATE ON database_meta
    FOR EACH ROW WHEN (OLD.key = 'purpose' OR NEW.key = 'purpose') EXECUTE FUNCTION reviewer_purpose_guard();
DROP TRIGGER IF EXISTS database_meta_purpose_delete ON database_meta;
CREATE TRIGGER database_meta_purpose_delete BEFORE DELETE ON database_meta
    FOR EACH ROW WHEN (OLD.key = 'purpose') EXECUTE FUNCTION reviewer_purpose_guard();
DROP TRIGGER IF EXISTS database_meta_no_truncate ON database_meta;
CREATE TRIGGER database_meta_no_truncate BEFORE TRUNCATE ON database_meta
    FOR EACH STATEMENT EXECUTE FUNCTION reviewer_purpose_guard();

-- A grant opens a citizen's medical record. It is created by an approved decision, which appends its
-- `grant.create` audit entry (target: the grant's id) in the same transaction; at commit, a grant without one is
-- refused. After that only its ending moves (status from active to expired or revoked, when and why, the parent
-- told): whose record, for whom, from and until when never change, and an ended grant never becomes active again.
CREATE OR REPLACE FUNCTION reviewer_grant_audited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_user = 'reviewer_app_maintenance' THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'grant.create' AND e.target_type = 'grant'
                   AND e.target_id = NEW.id::text AND reviewer_written_now(e.xmin)) THEN
        RAISE EXCEPTION 'access_grants: grant % was created without its grant.create audit entry in the same '
                        'transaction (role %)', NEW.id, current_user
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Access is granted only by an approved application; see docs/postgres.md.';
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS access_grants_audited ON access_grants;
CREATE CONSTRAINT TRIGGER access_grants_audited AFTER INSERT ON access_grants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reviewer_grant_audited();

CREATE OR REPLACE FUNCTION reviewer_grant_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ending_columns constant text[] := ARRAY['status', 'revoked_at', 'revoke_reason', 'ending_notified_at'];
BEGIN
    IF current_user = 'reviewer_app_maintenance' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - ending_columns) = (to_jsonb(OLD) - ending_columns)
       AND (NEW.status = OLD.status OR OLD.status = 'active') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'access_grants: a grant is never deleted, reopened or given to another record: % refused for '
                    'role %', TG_OP, current_user
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Access is granted only by an approved application; see docs/postgres.md.';
END $$;

DROP TRIGGER IF EXISTS access_grants_guard ON access_grants;
CREATE TRIGGER access_grants_guard BEFORE UPDATE OR DELETE ON access_grants
    FOR EACH ROW EXECUTE FUNCTION reviewer_grant_guard();

-- A staff member's role, and whether the account is a password-only service account, are what the service checks
-- on every call: they change only with a `staff.role_change` (or, for a practice account, `staff.update`) audit
-- entry for that account in the same transaction (checked at commit). The service administers staff, so the
-- column right itself cannot be withheld from it; no other back-end role has any right on staff.
CREATE OR REPLACE FUNCTION reviewer_staff_role_audited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_user = 'reviewer_app_maintenance' THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.action IN ('staff.role_change', 'staff.update')
                   AND e.target_type = 'staff' AND e.target_id = NEW.id::text AND reviewer_written_now(e.xmin)) THEN
        RAISE EXCEPTION 'staff: the role of account % changed without its staff.role_change audit entry in the same '
                        'transaction (role %)', NEW.id, current_user
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Roles are changed by an administrator through the service; see docs/postgres.md.';
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS staff_role_audited ON staff;
CREATE CONSTRAINT TRIGGER staff_role_audited AFTER UPDATE OF role, service ON staff
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.service IS DISTINCT FROM NEW.service)
    EXECUTE FUNCTION reviewer_staff_role_audited();
