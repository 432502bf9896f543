-- Witness cosignatures on signed checkpoints (c2sp.org/tlog-cosignature, Ed25519 cosignature/v1), PostgreSQL
-- dialect. Keep in step with ../sqlite/V10__checkpoint_cosignatures.sql. One per witness key and checkpoint, accepted
-- only when its signature verifies over the checkpoint (docs/audit.md); never changed. cosigned_at is the witness's
-- timestamp in POSIX seconds (what it signed), received_at when this registry accepted it (epoch ms).
CREATE TABLE checkpoint_cosignatures (
    size        BIGINT NOT NULL REFERENCES checkpoints (size),
    witness     TEXT   NOT NULL,
    key_id      INTEGER NOT NULL,
    cosigned_at BIGINT NOT NULL CHECK (cosigned_at >= 0),
    signature   BYTEA  NOT NULL CHECK (octet_length(signature) = 64),
    received_at BIGINT NOT NULL,
    PRIMARY KEY (size, witness, key_id)
);

CREATE INDEX checkpoint_cosignatures_witness ON checkpoint_cosignatures (witness, key_id, size);

CREATE TRIGGER checkpoint_cosignatures_append_only BEFORE UPDATE OR DELETE ON checkpoint_cosignatures
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER checkpoint_cosignatures_no_truncate BEFORE TRUNCATE ON checkpoint_cosignatures
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
