-- Regent bearer tokens and idempotency keys, SQLite dialect. Same conventions as V1/V2 (epoch-ms times, STRICT
-- tables). Keep in step with ../postgresql/V3__tokens_and_idempotency.sql.

-- A token is stored by the SHA-256 of its secret, never the secret. Tokens are never deleted; the one change a
-- token ever sees is being revoked, once (revoked_at goes from NULL to a time and stays). expires_at is NULL for
-- a token without expiry. seq orders a principal's tokens by insertion among tokens created at the same time
-- (it is the rowid, as for evidence; id is the token's unique key).
CREATE TABLE tokens (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    principal   TEXT    NOT NULL REFERENCES principals (name),
    secret_hash TEXT    NOT NULL UNIQUE,
    description TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,
    revoked_at  INTEGER
) STRICT;

CREATE INDEX tokens_principal ON tokens (principal, created_at, seq);

-- Defence in depth, like the insert-only tables: refuse deletes, and any update but setting revoked_at once.
CREATE TRIGGER tokens_no_delete BEFORE DELETE ON tokens
BEGIN
    SELECT RAISE(ABORT, 'tokens are never deleted');
END;

CREATE TRIGGER tokens_revoke_only BEFORE UPDATE ON tokens
    WHEN NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.principal IS NOT OLD.principal
        OR NEW.secret_hash IS NOT OLD.secret_hash OR NEW.description IS NOT OLD.description
        OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
        OR NEW.expires_at IS NOT OLD.expires_at
        OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS NOT OLD.revoked_at)
BEGIN
    SELECT RAISE(ABORT, 'a token changes only by being revoked, once');
END;

-- The outcome of a creating request, by the caller's Idempotency-Key. A row is claimed (status and body NULL)
-- before the work and completed (status set, body the replayed response, up to a few MiB) after it; a failed
-- request releases its claim by deleting the row, and old rows expire by created_at. The primary key is what
-- lets exactly one of several concurrent requests with the same key claim it.
CREATE TABLE idempotency_keys (
    principal           TEXT    NOT NULL,
    key                 TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_fingerprint TEXT    NOT NULL,
    status              INTEGER CHECK (status BETWEEN 100 AND 599),
    body                TEXT,
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (principal, key),
    CHECK (status IS NOT NULL OR body IS NULL)
) STRICT;

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
