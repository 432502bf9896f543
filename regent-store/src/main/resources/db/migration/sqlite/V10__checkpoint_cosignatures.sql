-- Witness cosignatures on signed checkpoints (c2sp.org/tlog-cosignature, Ed25519 cosignature/v1), SQLite dialect.
-- Keep in step with ../postgresql/V10__checkpoint_cosignatures.sql. One per witness key and checkpoint, accepted only
-- when its signature verifies over the checkpoint (docs/audit.md); never changed. cosigned_at is the witness's
-- timestamp in POSIX seconds (what it signed), received_at when this registry accepted it (epoch ms).
CREATE TABLE checkpoint_cosignatures (
    size        INTEGER NOT NULL REFERENCES checkpoints (size),
    witness     TEXT    NOT NULL,
    key_id      INTEGER NOT NULL,
    cosigned_at INTEGER NOT NULL CHECK (cosigned_at >= 0),
    signature   BLOB    NOT NULL CHECK (length(signature) = 64),
    received_at INTEGER NOT NULL,
    PRIMARY KEY (size, witness, key_id)
) STRICT;

CREATE INDEX checkpoint_cosignatures_witness ON checkpoint_cosignatures (witness, key_id, size);

CREATE TRIGGER checkpoint_cosignatures_no_update BEFORE UPDATE ON checkpoint_cosignatures
BEGIN
    SELECT RAISE(ABORT, 'checkpoint_cosignatures is append-only');
END;

CREATE TRIGGER checkpoint_cosignatures_no_delete BEFORE DELETE ON checkpoint_cosignatures
BEGIN
    SELECT RAISE(ABORT, 'checkpoint_cosignatures is append-only');
END;
