-- Events, webhooks and their deliveries (the transactional outbox), PostgreSQL dialect. Same conventions as V1..V7
-- (epoch-ms times, "C" collation on keys). Keep in step with ../sqlite/V9__webhooks.sql, which explains each table.

CREATE TABLE webhooks (
    id                    TEXT COLLATE "C" PRIMARY KEY,
    url                   TEXT    NOT NULL,
    events                TEXT    NOT NULL,
    model                 TEXT COLLATE "C",
    format                TEXT    NOT NULL CHECK (format IN ('regent', 'mlflow')),
    description           TEXT    NOT NULL,
    secret                TEXT    NOT NULL,
    previous_secret       TEXT,
    previous_secret_until BIGINT,
    enabled               BOOLEAN NOT NULL,
    flagged_at            BIGINT,
    flag_reason           TEXT,
    created_by            TEXT    NOT NULL,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL,
    deleted_at            BIGINT
);

CREATE INDEX webhooks_model ON webhooks (model) WHERE deleted_at IS NULL;

CREATE TABLE events (
    seq         BIGINT PRIMARY KEY,
    type        TEXT   NOT NULL,
    mlflow_type TEXT,
    model       TEXT COLLATE "C" NOT NULL,
    at          BIGINT NOT NULL
);

CREATE INDEX events_model ON events (model, seq);

CREATE TABLE deliveries (
    id              TEXT COLLATE "C" PRIMARY KEY,
    webhook_id      TEXT COLLATE "C" NOT NULL REFERENCES webhooks (id),
    seq             BIGINT  NOT NULL REFERENCES events (seq),
    model           TEXT COLLATE "C" NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    lease_owner     TEXT,
    lease_until     BIGINT,
    created_at      BIGINT  NOT NULL,
    finished_at     BIGINT,
    UNIQUE (webhook_id, seq)
);

CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_order ON deliveries (webhook_id, model, seq) WHERE status = 'pending';
CREATE INDEX deliveries_webhook ON deliveries (webhook_id, seq);

CREATE TABLE delivery_attempts (
    delivery_id      TEXT COLLATE "C" NOT NULL REFERENCES deliveries (id),
    number           INTEGER NOT NULL CHECK (number >= 1),
    started_at       BIGINT  NOT NULL,
    latency_ms       BIGINT  NOT NULL,
    status_code      INTEGER,
    error            TEXT,
    response_excerpt TEXT    NOT NULL,
    node             TEXT    NOT NULL,
    PRIMARY KEY (delivery_id, number)
);
