-- Events, webhooks and their deliveries (the transactional outbox), SQLite dialect. Same conventions as V1..V7
-- (epoch-ms times, STRICT tables). Keep in step with ../postgresql/V9__webhooks.sql.

-- A webhook: where to send which events, signed with which secret. The secret is kept in clear because the server
-- must sign with it (it is shown to its creator once and never served again); during a rotation the previous secret
-- keeps signing, next to the new one, until previous_secret_until. model is NULL for a registry-wide webhook.
-- Webhooks are never deleted: deleting sets deleted_at, so their delivery history stays.
CREATE TABLE webhooks (
    id                    TEXT    PRIMARY KEY,
    url                   TEXT    NOT NULL,
    events                TEXT    NOT NULL,
    model                 TEXT,
    format                TEXT    NOT NULL CHECK (format IN ('regent', 'mlflow')),
    description           TEXT    NOT NULL,
    secret                TEXT    NOT NULL,
    previous_secret       TEXT,
    previous_secret_until INTEGER,
    enabled               INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    flagged_at            INTEGER,
    flag_reason           TEXT,
    created_by            TEXT    NOT NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    deleted_at            INTEGER
) STRICT;

CREATE INDEX webhooks_model ON webhooks (model) WHERE deleted_at IS NULL;

-- One row per applied audit entry that tells the outside world something, written in the entry's transaction: seq
-- is the entry's sequence number, so an event exists exactly when its change does. model is '' for registry-wide
-- events (a policy applied). The payload is the audit entry itself (immutable), rendered when sent.
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY,
    type        TEXT    NOT NULL,
    mlflow_type TEXT,
    model       TEXT    NOT NULL,
    at          INTEGER NOT NULL
) STRICT;

CREATE INDEX events_model ON events (model, seq);

-- One event to one webhook. id is stable across retries (receivers deduplicate by it). A delivery is 'pending' until
-- it is 'delivered' or 'failed'; a node that works on it holds a lease (lease_owner until lease_until) that another
-- node may take over once it expires. Deliveries of one webhook and one model go out in seq order.
CREATE TABLE deliveries (
    id              TEXT    PRIMARY KEY,
    webhook_id      TEXT    NOT NULL REFERENCES webhooks (id),
    seq             INTEGER NOT NULL REFERENCES events (seq),
    model           TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_owner     TEXT,
    lease_until     INTEGER,
    created_at      INTEGER NOT NULL,
    finished_at     INTEGER,
    UNIQUE (webhook_id, seq)
) STRICT;

CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_order ON deliveries (webhook_id, model, seq) WHERE status = 'pending';
CREATE INDEX deliveries_webhook ON deliveries (webhook_id, seq);

-- Every attempt of a delivery, first-class: when, by which node, the answer's status (NULL when none came), how long
-- it took, why it failed, and a bounded excerpt of what the receiver answered (never interpreted).
CREATE TABLE delivery_attempts (
    delivery_id      TEXT    NOT NULL REFERENCES deliveries (id),
    number           INTEGER NOT NULL CHECK (number >= 1),
    started_at       INTEGER NOT NULL,
    latency_ms       INTEGER NOT NULL,
    status_code      INTEGER,
    error            TEXT,
    response_excerpt TEXT    NOT NULL,
    node             TEXT    NOT NULL,
    PRIMARY KEY (delivery_id, number)
) STRICT;
