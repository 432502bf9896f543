-- The audit log as a Merkle tree (docs/audit.md): each entry's leaf hash, SHA-256(0x00 || canonical encoding),
-- written in the transaction that appends the entry. It is a cache for building proofs quickly: verification
-- recomputes every leaf from the entry itself and reports a cached hash that disagrees.
CREATE TABLE audit_leaves (
    seq  INTEGER PRIMARY KEY REFERENCES audit_log (seq),
    hash BLOB    NOT NULL CHECK (length(hash) = 32)
) STRICT;

-- Signed checkpoints the log issued: one per tree size, never changed. The note is the whole C2SP signed note.
CREATE TABLE checkpoints (
    size      INTEGER PRIMARY KEY CHECK (size >= 0),
    root      BLOB    NOT NULL CHECK (length(root) = 32),
    note      TEXT    NOT NULL,
    signed_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER audit_leaves_no_update BEFORE UPDATE ON audit_leaves
BEGIN
    SELECT RAISE(ABORT, 'audit_leaves is append-only');
END;

CREATE TRIGGER audit_leaves_no_delete BEFORE DELETE ON audit_leaves
BEGIN
    SELECT RAISE(ABORT, 'audit_leaves is append-only');
END;

CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
BEGIN
    SELECT RAISE(ABORT, 'checkpoints is append-only');
END;

CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN
    SELECT RAISE(ABORT, 'checkpoints is append-only');
END;
