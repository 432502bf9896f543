-- An audit entry is its canonical bytes (docs/audit.md): audit_entries holds the exact leaf input of each entry,
-- written in the appending transaction; audit_log's columns, audit_fields and audit_evidence are indexes derived
-- from those bytes, checked against them by verification and by every read. PostgreSQL dialect; keep in step with
-- ../sqlite/V8__audit_entry_bytes.sql.
--
-- The bytes live in their own append-only table rather than a new audit_log column so that filling them for the
-- entries written before this migration (Java step 8.1) never has to lift audit_log's append-only trigger.
CREATE TABLE audit_entries (
    seq   BIGINT PRIMARY KEY REFERENCES audit_log (seq),
    -- 65,535: a C2SP tlog-tiles entry bundle gives each entry a 16-bit length
    entry BYTEA  NOT NULL CHECK (octet_length(entry) BETWEEN 1 AND 65535)
);

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();

-- Each model's newest entry, where the next entry of the model takes its hash-chain link from and where a read by
-- model starts following the chain. A mutable pointer, never trusted alone: verification checks it against the
-- chain the bytes form. Entries outside any model (principals, policy) chain under the model "".
CREATE TABLE audit_model_heads (
    model TEXT COLLATE "C" PRIMARY KEY,
    seq   BIGINT NOT NULL REFERENCES audit_log (seq)
);

-- Entries from this sequence number on carry a hash-chain link (encoding version 2); those before were appended in
-- version 1 without one, and a read by model checks that older part by reading it in full.
ALTER TABLE audit_head ADD COLUMN chained_from BIGINT NOT NULL DEFAULT 1 CHECK (chained_from >= 1);
UPDATE audit_head SET chained_from = seq + 1;

-- The Merkle tree as it grows, in the C2SP tlog-tiles arrangement (docs/audit.md): tile level 0 is audit_leaves;
-- level L >= 1 holds the root of each complete subtree of 256^L leaves, written in the append transaction that
-- completes it. Signing and proofs read O(log N) of these instead of the whole log. Written once, never changed.
CREATE TABLE audit_tile_hashes (
    level INTEGER NOT NULL CHECK (level >= 1),
    idx   BIGINT  NOT NULL CHECK (idx >= 0),
    hash  BYTEA   NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, idx)
);

CREATE TRIGGER audit_tile_hashes_append_only BEFORE UPDATE OR DELETE ON audit_tile_hashes
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER audit_tile_hashes_no_truncate BEFORE TRUNCATE ON audit_tile_hashes
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
