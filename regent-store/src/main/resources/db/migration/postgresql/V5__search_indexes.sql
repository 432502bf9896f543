-- Indexes for searches of models and versions (MLflow's registered-models/search and model-versions/search),
-- PostgreSQL dialect; keep in step with ../sqlite/V5__search_indexes.sql.
-- Name predicates use models_live_name (=, IN, and LIKE 'prefix%': the column's "C" collation lets PostgreSQL serve it from that index).
-- A tag predicate is an EXISTS that the tag tables' primary keys serve per row; (key, value) lets a selective
-- tags.k = 'v' start from the tags instead.
CREATE INDEX model_tags_key_value ON model_tags (key, value, model_id);
CREATE INDEX version_tags_key_value ON version_tags (key, value, model_id, version);

-- run_id = / IN and source_path = / LIKE 'prefix%' over live versions.
CREATE INDEX model_versions_run_id ON model_versions (run_id) WHERE run_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX model_versions_source ON model_versions (source) WHERE deleted_at IS NULL;

-- order_by creation_timestamp / last_updated_timestamp.
CREATE INDEX models_live_created ON models (created_at, name) WHERE deleted_at IS NULL;
CREATE INDEX models_live_updated ON models (updated_at, name) WHERE deleted_at IS NULL;
CREATE INDEX model_versions_live_created ON model_versions (created_at) WHERE deleted_at IS NULL;
CREATE INDEX model_versions_live_updated ON model_versions (updated_at) WHERE deleted_at IS NULL;

-- Grants name models by name: a rename moves them, and a search scoped to the caller's grants reads them by model.
CREATE INDEX grants_model ON grants (model);
