-- Regent governance schema, PostgreSQL dialect: principals and grants, model cards, evidence, compliance tags,
-- approvals. Same conventions as V1__core.sql (epoch-ms times, "C" collation on keys, child rows, foreign keys).
-- Keep in step with ../sqlite/V2__governance.sql.

CREATE TABLE principals (
    name       TEXT COLLATE "C" PRIMARY KEY,
    kind       TEXT   NOT NULL CHECK (kind IN ('USER', 'SERVICE', 'AGENT')),
    created_by TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

-- A grant names its model by name, not id: it may be made before the model exists and outlives a delete and
-- re-create. '' (never a model name) stands for "global", so the primary key also holds for global grants,
-- which a NULL would escape. id keeps grants in the order they were given.
CREATE TABLE grants (
    id        BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    principal TEXT COLLATE "C" NOT NULL REFERENCES principals (name),
    role      TEXT NOT NULL CHECK (role IN ('viewer', 'contributor', 'approver', 'admin')),
    model     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (principal, role, model)
);

CREATE TABLE card_revisions (
    model_id       BIGINT  NOT NULL,
    version        INTEGER NOT NULL,
    revision       INTEGER NOT NULL CHECK (revision >= 1),
    canonical_json TEXT    NOT NULL,
    digest         TEXT    NOT NULL,
    author         TEXT    NOT NULL,
    at             BIGINT  NOT NULL,
    PRIMARY KEY (model_id, version, revision),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
);

-- seq orders a version's evidence by insertion among rows of the same time. An eval report is present exactly
-- when eval_dataset is not NULL; eval_passed is NULL when the report did not say.
CREATE TABLE evidence (
    id           TEXT COLLATE "C" PRIMARY KEY CHECK (id ~ '^ev-[0-9a-f]{20}$'),
    seq          BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    model_id     BIGINT  NOT NULL,
    version      INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    digest       TEXT    NOT NULL,
    uri          TEXT,
    stored       BOOLEAN NOT NULL,
    summary      TEXT    NOT NULL,
    author       TEXT    NOT NULL,
    at           BIGINT  NOT NULL,
    eval_dataset TEXT,
    eval_passed  BOOLEAN,
    CHECK (stored OR uri IS NOT NULL),
    CHECK (eval_dataset IS NOT NULL OR eval_passed IS NULL),
    -- The target of compliance_tags' foreign key: a tag's evidence must belong to the same version.
    UNIQUE (id, model_id, version),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
);

CREATE INDEX evidence_version ON evidence (model_id, version, at, seq);

-- Eval report metrics, as Double.toString text like version_metrics.
CREATE TABLE evidence_metrics (
    evidence_id TEXT COLLATE "C" NOT NULL REFERENCES evidence (id),
    name        TEXT COLLATE "C" NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (evidence_id, name)
);

-- At most one revocation per evidence, held by the primary key.
CREATE TABLE evidence_revocations (
    evidence_id TEXT COLLATE "C" PRIMARY KEY REFERENCES evidence (id),
    revoked_by  TEXT   NOT NULL,
    at          BIGINT NOT NULL,
    reason      TEXT   NOT NULL
);

-- The one mutable governance table: a tag is replaced or removed, the evidence behind it stays.
CREATE TABLE compliance_tags (
    model_id    BIGINT  NOT NULL,
    version     INTEGER NOT NULL,
    tag         TEXT COLLATE "C" NOT NULL,
    evidence_id TEXT COLLATE "C" NOT NULL,
    set_by      TEXT    NOT NULL,
    at          BIGINT  NOT NULL,
    PRIMARY KEY (model_id, version, tag),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number),
    FOREIGN KEY (evidence_id, model_id, version) REFERENCES evidence (id, model_id, version)
);

-- roles: the principal's role labels at decision time, comma-joined in increasing order ('' for none).
CREATE TABLE approvals (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id      BIGINT  NOT NULL,
    version       INTEGER NOT NULL,
    target        TEXT    NOT NULL,
    principal     TEXT    NOT NULL,
    roles         TEXT    NOT NULL,
    decision      TEXT    NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    comment       TEXT    NOT NULL,
    review_digest TEXT    NOT NULL,
    asserted      BOOLEAN NOT NULL,
    at            BIGINT  NOT NULL,
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number)
);

CREATE INDEX approvals_version ON approvals (model_id, version, id);

-- Card revisions, evidence, revocations and approvals are insert-only, like the audit log.
CREATE TRIGGER card_revisions_insert_only BEFORE UPDATE OR DELETE ON card_revisions
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER card_revisions_no_truncate BEFORE TRUNCATE ON card_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER evidence_insert_only BEFORE UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER evidence_metrics_insert_only BEFORE UPDATE OR DELETE ON evidence_metrics
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER evidence_metrics_no_truncate BEFORE TRUNCATE ON evidence_metrics
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER evidence_revocations_insert_only BEFORE UPDATE OR DELETE ON evidence_revocations
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER evidence_revocations_no_truncate BEFORE TRUNCATE ON evidence_revocations
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER approvals_insert_only BEFORE UPDATE OR DELETE ON approvals
    FOR EACH ROW EXECUTE FUNCTION regent_refuse_audit_change();
CREATE TRIGGER approvals_no_truncate BEFORE TRUNCATE ON approvals
    FOR EACH STATEMENT EXECUTE FUNCTION regent_refuse_audit_change();
