-- Regent core schema, SQLite dialect. Times are epoch milliseconds. STRICT tables make SQLite refuse values
-- of the wrong type instead of silently storing them. Keep in step with ../postgresql/V1__core.sql.

CREATE TABLE models (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    deleted_at   INTEGER,
    next_version INTEGER NOT NULL DEFAULT 1 CHECK (next_version >= 1)
) STRICT;

-- One live model per name; tombstones keep their name so it can be reused.
CREATE UNIQUE INDEX models_live_name ON models (name) WHERE deleted_at IS NULL;

CREATE TABLE model_tags (
    model_id INTEGER NOT NULL REFERENCES models (id),
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, key)
) STRICT;

CREATE TABLE model_versions (
    model_id        INTEGER NOT NULL REFERENCES models (id),
    number          INTEGER NOT NULL CHECK (number >= 1),
    source          TEXT    NOT NULL,
    digest          TEXT,
    run_id          TEXT,
    dataset_version TEXT,
    code_version    TEXT,
    description     TEXT    NOT NULL,
    stage           TEXT    NOT NULL CHECK (stage IN ('None', 'Staging', 'Production', 'Archived')),
    created_by      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    deleted_at      INTEGER,
    PRIMARY KEY (model_id, number)
) STRICT;

-- Stage exclusivity is held by the database, not by a read-then-write in the application.
CREATE UNIQUE INDEX model_versions_exclusive_stage ON model_versions (model_id, stage)
    WHERE stage IN ('Staging', 'Production') AND deleted_at IS NULL;

CREATE INDEX model_versions_digest ON model_versions (model_id, digest) WHERE digest IS NOT NULL;

CREATE TABLE version_tags (
    model_id INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    key      TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, version, key),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
) STRICT;

-- Metric values are Java's Double.toString text: it parses back to the identical double, -0.0 included,
-- which a REAL column in SQLite would turn into 0.
CREATE TABLE version_metrics (
    model_id INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, version, name),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
) STRICT;

CREATE TABLE version_params (
    model_id INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (model_id, version, name),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
) STRICT;

CREATE TABLE aliases (
    model_id INTEGER NOT NULL,
    alias    TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    set_at   INTEGER NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
) STRICT;

CREATE TABLE transitions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id   INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    from_stage TEXT    NOT NULL CHECK (from_stage IN ('None', 'Staging', 'Production', 'Archived')),
    to_stage   TEXT    NOT NULL CHECK (to_stage IN ('None', 'Staging', 'Production', 'Archived')),
    cause      TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
) STRICT;

CREATE INDEX transitions_model ON transitions (model_id, id);

-- The audit sequence counter: one row, updated in each appending transaction, so numbers are assigned under
-- one lock and a rolled-back append leaves no gap.
CREATE TABLE audit_head (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL CHECK (seq >= 0)
) STRICT;

INSERT INTO audit_head (id, seq) VALUES (1, 0);

CREATE TABLE audit_log (
    seq     INTEGER PRIMARY KEY CHECK (seq >= 1),
    at      INTEGER NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    target  TEXT    NOT NULL,
    model   TEXT    NOT NULL,
    outcome TEXT    NOT NULL CHECK (outcome IN ('APPLIED', 'REFUSED')),
    reason  TEXT    NOT NULL
) STRICT;

CREATE INDEX audit_log_model ON audit_log (model, seq);

-- The before/after maps of an entry, one row per field.
CREATE TABLE audit_fields (
    seq   INTEGER NOT NULL REFERENCES audit_log (seq),
    side  TEXT    NOT NULL CHECK (side IN ('before', 'after')),
    name  TEXT    NOT NULL,
    value TEXT    NOT NULL,
    PRIMARY KEY (seq, side, name)
) STRICT;

CREATE TABLE audit_evidence (
    seq      INTEGER NOT NULL REFERENCES audit_log (seq),
    position INTEGER NOT NULL CHECK (position >= 0),
    link     TEXT    NOT NULL,
    PRIMARY KEY (seq, position)
) STRICT;

-- The audit log is append-only: refuse edits even from a buggy or hand-typed statement.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_fields_no_update BEFORE UPDATE ON audit_fields
BEGIN
    SELECT RAISE(ABORT, 'audit_fields is append-only');
END;

CREATE TRIGGER audit_fields_no_delete BEFORE DELETE ON audit_fields
BEGIN
    SELECT RAISE(ABORT, 'audit_fields is append-only');
END;

CREATE TRIGGER audit_evidence_no_update BEFORE UPDATE ON audit_evidence
BEGIN
    SELECT RAISE(ABORT, 'audit_evidence is append-only');
END;

CREATE TRIGGER audit_evidence_no_delete BEFORE DELETE ON audit_evidence
BEGIN
    SELECT RAISE(ABORT, 'audit_evidence is append-only');
END;
