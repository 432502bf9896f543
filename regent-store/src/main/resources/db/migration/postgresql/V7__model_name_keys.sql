-- Model names keep their case (as MLflow's do), and two names that differ only in case, width or compatibility
-- forms ("Fraud", "fraud", "ｆｒａｕｄ") are one model to whoever approves or audits it: each model row carries its
-- name's key (dev.regent.core.model.NameKey), and at most one live model holds a key. PostgreSQL dialect; keep in
-- step with ../sqlite/V7__model_name_keys.sql.
--
-- SQL cannot compute the key (Unicode NFKC and case folding as Java does them), so the Java migration 7.1 fills it
-- for the rows written before this one; until then they hold NULL, which a unique index lets any number of rows share.
ALTER TABLE models ADD COLUMN name_key TEXT COLLATE "C";

-- Mirrors models_live_name: tombstones keep their key, so a deleted model's name (or a look-alike) can be reused.
CREATE UNIQUE INDEX models_live_name_key ON models (name_key) WHERE deleted_at IS NULL;

-- NOT VALID: checked for every row written from now on (the backfill's updates included), not for existing rows,
-- which migration 7.1 gives their key before anything else writes.
ALTER TABLE models ADD CONSTRAINT models_name_key_required CHECK (name_key IS NOT NULL) NOT VALID;
