-- Model names keep their case (as MLflow's do), and two names that differ only in case, width or compatibility
-- forms ("Fraud", "fraud", "ｆｒａｕｄ") are one model to whoever approves or audits it: each model row carries its
-- name's key (dev.regent.core.model.NameKey), and at most one live model holds a key. SQLite dialect; keep in step
-- with ../postgresql/V7__model_name_keys.sql.
--
-- SQL cannot compute the key (Unicode NFKC and case folding), so the Java migration 7.1 fills it for the rows
-- written before this one; until then they hold NULL, which a unique index lets any number of rows share.
ALTER TABLE models ADD COLUMN name_key TEXT;

-- Mirrors models_live_name: tombstones keep their key, so a deleted model's name (or a look-alike) can be reused.
CREATE UNIQUE INDEX models_live_name_key ON models (name_key) WHERE deleted_at IS NULL;

-- SQLite cannot add NOT NULL to an existing column: the triggers refuse a row written without its key instead.
CREATE TRIGGER models_name_key_on_insert BEFORE INSERT ON models WHEN NEW.name_key IS NULL
BEGIN
    SELECT RAISE(ABORT, 'models.name_key is required');
END;

CREATE TRIGGER models_name_key_on_update BEFORE UPDATE ON models WHEN NEW.name_key IS NULL
BEGIN
    SELECT RAISE(ABORT, 'models.name_key is required');
END;
