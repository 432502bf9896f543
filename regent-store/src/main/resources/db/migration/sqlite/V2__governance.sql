-- Regent governance schema, SQLite dialect: principals and grants, model cards, evidence, compliance tags,
-- approvals. Same conventions as V1__core.sql (epoch-ms times, STRICT tables, child rows, foreign keys).
-- Keep in step with ../postgresql/V2__governance.sql.

CREATE TABLE principals (
    name       TEXT PRIMARY KEY,
    kind       TEXT   NOT NULL CHECK (kind IN ('USER', 'SERVICE', 'AGENT')),
    created_by TEXT   NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- A grant names its model by name, not id: it may be made before the model exists and outlives a delete and
-- re-create. '' (never a model name) stands for "global", so the primary key also holds for global grants,
-- which a NULL would escape. id keeps grants in the order they were given.
CREATE TABLE grants (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    principal TEXT NOT NULL REFERENCES principals (name),
    role      TEXT NOT NULL CHECK (role IN ('viewer', 'contributor', 'approver', 'admin')),
    model     TEXT NOT NULL,
    UNIQUE (principal, role, model)
) STRICT;

CREATE TABLE card_revisions (
    model_id       INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    revision       INTEGER NOT NULL CHECK (revision >= 1),
    canonical_json TEXT    NOT NULL,
    digest         TEXT    NOT NULL,
    author         TEXT    NOT NULL,
    at             INTEGER NOT NULL,
    PRIMARY KEY (model_id, version, revision),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
) STRICT;

-- seq orders a version's evidence by insertion among rows of the same time. An eval report is present exactly
-- when eval_dataset is not NULL; eval_passed is NULL when the report did not say.
CREATE TABLE evidence (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE
                         CHECK (length(id) = 23 AND substr(id, 1, 3) = 'ev-' AND substr(id, 4) NOT GLOB '*[^0-9a-f]*'),
    model_id     INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    digest       TEXT    NOT NULL,
    uri          TEXT,
    stored       INTEGER NOT NULL CHECK (stored IN (0, 1)),
    summary      TEXT    NOT NULL,
    author       TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    eval_dataset TEXT,
    eval_passed  INTEGER CHECK (eval_passed IN (0, 1)),
    CHECK (stored OR uri IS NOT NULL),
    CHECK (eval_dataset IS NOT NULL OR eval_passed IS NULL),
    -- The target of compliance_tags' foreign key: a tag's evidence must belong to the same version.
    UNIQUE (id, model_id, version),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
) STRICT;

CREATE INDEX evidence_version ON evidence (model_id, version, at, seq);

-- Eval report metrics, as Double.toString text like version_metrics.
CREATE TABLE evidence_metrics (
    evidence_id TEXT NOT NULL REFERENCES evidence (id),
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (evidence_id, name)
) STRICT;

-- At most one revocation per evidence, held by the primary key.
CREATE TABLE evidence_revocations (
    evidence_id TEXT PRIMARY KEY REFERENCES evidence (id),
    revoked_by  TEXT   NOT NULL,
    at          INTEGER NOT NULL,
    reason      TEXT   NOT NULL
) STRICT;

-- The one mutable governance table: a tag is replaced or removed, the evidence behind it stays.
CREATE TABLE compliance_tags (
    model_id    INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    tag         TEXT NOT NULL,
    evidence_id TEXT NOT NULL,
    set_by      TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (model_id, version, tag),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number),
    FOREIGN KEY (evidence_id, model_id, version) REFERENCES evidence (id, model_id, version)
) STRICT;

-- roles: the principal's role labels at decision time, comma-joined in increasing order ('' for none).
CREATE TABLE approvals (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id      INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    target        TEXT    NOT NULL,
    principal     TEXT    NOT NULL,
    roles         TEXT    NOT NULL,
    decision      TEXT    NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    comment       TEXT    NOT NULL,
    review_digest TEXT    NOT NULL,
    asserted      INTEGER NOT NULL CHECK (asserted IN (0, 1)),
    at            INTEGER NOT NULL,
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
) STRICT;

CREATE INDEX approvals_version ON approvals (model_id, version, id);

-- Card revisions, evidence, revocations and approvals are insert-only, like the audit log.

CREATE TRIGGER card_revisions_no_update BEFORE UPDATE ON card_revisions
BEGIN
    SELECT RAISE(ABORT, 'card_revisions is insert-only');
END;

CREATE TRIGGER card_revisions_no_delete BEFORE DELETE ON card_revisions
BEGIN
    SELECT RAISE(ABORT, 'card_revisions is insert-only');
END;

CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN
    SELECT RAISE(ABORT, 'evidence is insert-only');
END;

CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN
    SELECT RAISE(ABORT, 'evidence is insert-only');
END;

CREATE TRIGGER evidence_metrics_no_update BEFORE UPDATE ON evidence_metrics
BEGIN
    SELECT RAISE(ABORT, 'evidence_metrics is insert-only');
END;

CREATE TRIGGER evidence_metrics_no_delete BEFORE DELETE ON evidence_metrics
BEGIN
    SELECT RAISE(ABORT, 'evidence_metrics is insert-only');
END;

CREATE TRIGGER evidence_revocations_no_update BEFORE UPDATE ON evidence_revocations
BEGIN
    SELECT RAISE(ABORT, 'evidence_revocations is insert-only');
END;

CREATE TRIGGER evidence_revocations_no_delete BEFORE DELETE ON evidence_revocations
BEGIN
    SELECT RAISE(ABORT, 'evidence_revocations is insert-only');
END;

CREATE TRIGGER approvals_no_update BEFORE UPDATE ON approvals
BEGIN
    SELECT RAISE(ABORT, 'approvals is insert-only');
END;

CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals
BEGIN
    SELECT RAISE(ABORT, 'approvals is insert-only');
END;
