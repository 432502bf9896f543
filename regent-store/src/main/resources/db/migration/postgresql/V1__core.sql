-- Regent core schema, PostgreSQL dialect. Times are epoch milliseconds. Names and keys use the "C" collation
-- so the database sorts them exactly as Java's String.compareTo does; keyset pagination (name > ?) relies on it.
-- Keep in step with ../sqlite/V1__core.sql.

CREATE TABLE models (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT COLLATE "C" NOT NULL,
    description  TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    deleted_at   BIGINT,
    next_version INTEGER NOT NULL DEFAULT 1 CHECK (next_version >= 1)
);

-- One live model per name; tombstones keep their name so it can be reused.
CREATE UNIQUE INDEX models_live_name ON models (name) WHERE deleted_at IS NULL;

CREATE TABLE model_tags (
    model_id BIGINT NOT NULL REFERENCES models (id),
    key      TEXT COLLATE "C" NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (model_id, key)
);

CREATE TABLE model_versions (
    model_id        BIGINT  NOT NULL REFERENCES models (id),
    number          INTEGER NOT NULL CHECK (number >= 1),
    source          TEXT    NOT NULL,
    digest          TEXT,
    run_id          TEXT,
    dataset_version TEXT,
    code_version    TEXT,
    description     TEXT    NOT NULL,
    stage           TEXT    NOT NULL CHECK (stage IN ('None', 'Staging', 'Production', 'Archived')),
    created_by      TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    deleted_at      BIGINT,
    PRIMARY KEY (model_id, number)
);

-- Stage exclusivity is held by the database, not by a read-then-write in the application.
CREATE UNIQUE INDEX model_versions_exclusive_stage ON model_versions (model_id, stage)
    WHERE stage IN ('Staging', 'Production') AND deleted_at IS NULL;

CREATE INDEX model_versions_digest ON model_versions (model_id, digest) WHERE digest IS NOT NULL;

CREATE TABLE version_tags (
    model_id BIGINT  NOT NULL,
    version  INTEGER NOT NULL,
    key      TEXT COLLATE "C" NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, version, key),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
);

-- Metric values are Java's Double.toString text: it parses back to the identical double, -0.0 included,
-- which a REAL column in SQLite would turn into 0.
CREATE TABLE version_metrics (
    model_id BIGINT           NOT NULL,
    version  INTEGER          NOT NULL,
    name     TEXT COLLATE "C" NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, version, name),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
);

CREATE TABLE version_params (
    model_id BIGINT  NOT NULL,
    version  INTEGER NOT NULL,
    name     TEXT COLLATE "C" NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, version, name),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
);

CREATE TABLE aliases (
    model_id BIGINT  NOT NULL,
    alias    TEXT COLLATE "C" NOT NULL,
    version  INTEGER NOT NULL,
    set_at   BIGINT  NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
);

CREATE TABLE transitions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id   BIGINT  NOT NULL,
    version    INTEGER NOT NULL,
    from_stage TEXT    NOT NULL CHECK (from_stage IN ('None', 'Staging', 'Production', 'Archived')),
    to_stage   TEXT    NOT NULL CHECK (to_stage IN ('None', 'Staging', 'Production', 'Archived')),
    cause      TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    at         BIGINT  NOT NULL,
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
);

CREATE INDEX transitions_model ON transitions (model_id, id);

-- The audit sequence counter: one row, updated in each appending transaction. Its row lock serialises
-- concurrent appenders, and a rolled-back append leaves no gap (a SEQUENCE would).
CREATE TABLE audit_head (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT  NOT NULL CHECK (seq >= 0)
);

INSERT INTO audit_head (id, seq) VALUES (1, 0);

CREATE TABLE audit_log (
    seq     BIGINT PRIMARY KEY CHECK (seq >= 1),
    at      BIGINT NOT NULL,
    actor   TEXT   NOT NULL,
    action  TEXT   NOT NULL,
    target  TEXT   NOT NULL,
    model   TEXT COLLATE "C" NOT NULL,
    outcome TEXT   NOT NULL CHECK (outcome IN ('APPLIED', 'REFUSED')),
    reason  TEXT   NOT NULL
);

CREATE INDEX audit_log_model ON audit_log (model, seq);

-- The before/after maps of an entry, one row per field.
CREATE TABLE audit_fields (
    seq   BIGINT NOT NULL REFERENCES audit_log (seq),
    side  TEXT   NOT NULL CHECK (side IN ('before', 'after')),
    name  TEXT COLLATE "C" NOT NULL,
    value TEXT   NOT NULL,
    PRIMARY KEY (seq, side, name)
);

CREATE TABLE audit_evidence (
    seq      BIGINT  NOT NULL REFERENCES audit_log (seq),
    position INTEGER NOT NULL CHECK (position >= 0),
    link     TEXT    NOT NULL,
    PRIMARY KEY (seq, position)
);

-- The audit log is append-only: refuse edits even from a buggy or hand-typed statement (defence in depth;
-- the application role should also lack UPDATE/DELETE/TRUNCATE on these tables).
CREATE FUNCTION regent_refuse_audit_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER audit_fields_append_only BEFORE UPDATE OR DELETE ON audit_fields
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER audit_fields_no_truncate BEFORE TRUNCATE ON audit_fields
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER audit_evidence_append_only BEFORE UPDATE OR DELETE ON audit_evidence
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER audit_evidence_no_truncate BEFORE TRUNCATE ON audit_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
