-- Regent bearer tokens and idempotency keys, PostgreSQL dialect. Same conventions as V1/V2 (epoch-ms times, "C"
-- collation on keys). Keep in step with ../sqlite/V3__tokens_and_idempotency.sql.

-- A token is stored by the SHA-256 of its secret, never the secret. Tokens are never deleted; the one change a
-- token ever sees is being revoked, once (revoked_at goes from NULL to a time and stays). expires_at is NULL for
-- a token without expiry. seq orders a principal's tokens by insertion among tokens created at the same time.
CREATE TABLE tokens (
    id          TEXT COLLATE "C" PRIMARY KEY,
    seq         BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    principal   TEXT COLLATE "C" NOT NULL REFERENCES principals (name),
    secret_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    description TEXT   NOT NULL,
    created_by  TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT,
    revoked_at  BIGINT
);

CREATE INDEX tokens_principal ON tokens (principal, created_at, seq);

-- Defence in depth, like the insert-only tables: refuse deletes, and any update but setting revoked_at once.
CREATE FUNCTION regent_token_revoke_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'tokens are never deleted: % refused', TG_OP;
    END IF;
    IF (NEW.id, NEW.seq, NEW.principal, NEW.secret_hash, NEW.description, NEW.created_by, NEW.created_at, NEW.expires_at)
           IS DISTINCT FROM
       (OLD.id, OLD.seq, OLD.principal, OLD.secret_hash, OLD.description, OLD.created_by, OLD.created_at, OLD.expires_at)
       OR (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at) THEN
        RAISE EXCEPTION 'a token changes only by being revoked, once';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER tokens_revoke_only BEFORE UPDATE OR DELETE ON tokens
    FOR EACH ROW EXECUTE FUNCTION regent_token_revoke_only();
CREATE TRIGGER tokens_no_truncate BEFORE TRUNCATE ON tokens
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();

-- The outcome of a creating request, by the caller's Idempotency-Key. A row is claimed (status and body NULL)
-- before the work and completed (status set, body the replayed response, up to a few MiB) after it; a failed
-- request releases its claim by deleting the row, and old rows expire by created_at. The primary key is what
-- lets exactly one of several concurrent requests with the same key claim it.
CREATE TABLE idempotency_keys (
    principal           TEXT COLLATE "C" NOT NULL,
    key                 TEXT COLLATE "C" NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_fingerprint TEXT    NOT NULL,
    status              INTEGER CHECK (status BETWEEN 100 AND 599),
    body                TEXT,
    created_at          BIGINT  NOT NULL,
    PRIMARY KEY (principal, key),
    CHECK (status IS NOT NULL OR body IS NULL)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
