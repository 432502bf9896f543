-- The policy is registry state: numbered, immutable revisions; the highest is in effect. SQLite dialect; keep in
-- step with ../postgresql/V6__policy_revisions.sql. A registry opened after this migration records the policy it
-- was started with as revision 1 (the application does it, in the same transaction as its audit entry).
CREATE TABLE policy_revisions (
    revision    INTEGER PRIMARY KEY CHECK (revision >= 1),
    digest      TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    applied_by  TEXT    NOT NULL,
    applied_at  INTEGER NOT NULL,
    reason      TEXT    NOT NULL
) STRICT;

CREATE TRIGGER policy_revisions_no_update BEFORE UPDATE ON policy_revisions
BEGIN
    SELECT RAISE(ABORT, 'policy_revisions is insert-only');
END;

CREATE TRIGGER policy_revisions_no_delete BEFORE DELETE ON policy_revisions
BEGIN
    SELECT RAISE(ABORT, 'policy_revisions is insert-only');
END;

-- Which gate set (of which policy revision) an approval was given for; NULL for decisions recorded before.
ALTER TABLE approvals ADD COLUMN gate_set TEXT;
