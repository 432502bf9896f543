-- Hand-overs of the audit signing key (docs/audit.md, "Rotating the signing key"), PostgreSQL dialect. Keep in step
-- with ../sqlite/V13__key_transitions.sql. One row per rotation: the tree size the old key's last checkpoint covers,
-- the old and new verifier keys (text form), and the transition note signed by the old key and the new one. A key
-- hands over once and is introduced once (unique from_key, to_key): two hand-overs from one key would fork the chain
-- of keys. Never changed; verifiers check the notes' signatures every time they read them.
CREATE TABLE key_transitions (
    size        BIGINT NOT NULL PRIMARY KEY CHECK (size >= 0),
    from_key    TEXT   NOT NULL UNIQUE,
    to_key      TEXT   NOT NULL UNIQUE,
    note        TEXT   NOT NULL,
    recorded_at BIGINT NOT NULL
);

CREATE TRIGGER key_transitions_append_only BEFORE UPDATE OR DELETE ON key_transitions
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER key_transitions_no_truncate BEFORE TRUNCATE ON key_transitions
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
