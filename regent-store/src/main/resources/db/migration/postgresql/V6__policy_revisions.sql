-- The policy is registry state: numbered, immutable revisions; the highest is in effect. PostgreSQL dialect; keep
-- in step with ../sqlite/V6__policy_revisions.sql. A registry opened after this migration records the policy it
-- was started with as revision 1 (the application does it, in the same transaction as its audit entry).
CREATE TABLE policy_revisions (
    revision    INTEGER PRIMARY KEY CHECK (revision >= 1),
    digest      TEXT   NOT NULL,
    text        TEXT   NOT NULL,
    source      TEXT   NOT NULL,
    applied_by  TEXT COLLATE "C" NOT NULL,
    applied_at  BIGINT NOT NULL,
    reason      TEXT   NOT NULL
);

CREATE TRIGGER policy_revisions_insert_only BEFORE UPDATE OR DELETE ON policy_revisions
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER policy_revisions_no_truncate BEFORE TRUNCATE ON policy_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();

-- Which gate set (of which policy revision) an approval was given for; NULL for decisions recorded before.
ALTER TABLE approvals ADD COLUMN gate_set TEXT;
