-- The audit log as a Merkle tree (docs/audit.md): each entry's leaf hash, SHA-256(0x00 || canonical encoding),
-- written in the transaction that appends the entry. It is a cache for building proofs quickly: verification
-- recomputes every leaf from the entry itself and reports a cached hash that disagrees.
CREATE TABLE audit_leaves (
    seq  BIGINT PRIMARY KEY REFERENCES audit_log (seq),
    hash BYTEA  NOT NULL CHECK (octet_length(hash) = 32)
);

-- Signed checkpoints the log issued: one per tree size, never changed. The note is the whole C2SP signed note.
CREATE TABLE checkpoints (
    size      BIGINT PRIMARY KEY CHECK (size >= 0),
    root      BYTEA  NOT NULL CHECK (octet_length(root) = 32),
    note      TEXT   NOT NULL,
    signed_at BIGINT NOT NULL
);

CREATE TRIGGER audit_leaves_append_only BEFORE UPDATE OR DELETE ON audit_leaves
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER audit_leaves_no_truncate BEFORE TRUNCATE ON audit_leaves
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
