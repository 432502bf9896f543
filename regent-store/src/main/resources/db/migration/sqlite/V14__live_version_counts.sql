-- The number of live versions of each model, kept by the database itself (SQLite dialect; keep in step with
-- ../postgresql/V14__live_version_counts.sql). Every change plans with it and verifies with it that the older
-- versions are all still there; counting the rows each time cost a scan of the model's versions, twice per change,
-- which grew with the model (46 % of a registration's CPU at a few thousand versions). Triggers on model_versions
-- keep the count for every row written, tombstoned, revived or deleted, by whatever statement, so it always equals
-- SELECT COUNT(*) ... WHERE deleted_at IS NULL (StoreContractTest checks both after every kind of change).
ALTER TABLE models ADD COLUMN live_versions INTEGER NOT NULL DEFAULT 0 CHECK (live_versions >= 0);

UPDATE models SET live_versions =
    (SELECT COUNT(*) FROM model_versions v WHERE v.model_id = models.id AND v.deleted_at IS NULL);

CREATE TRIGGER model_versions_count_insert AFTER INSERT ON model_versions
WHEN NEW.deleted_at IS NULL
BEGIN
    UPDATE models SET live_versions = live_versions + 1 WHERE id = NEW.model_id;
END;

CREATE TRIGGER model_versions_count_delete AFTER DELETE ON model_versions
WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE models SET live_versions = live_versions - 1 WHERE id = OLD.model_id;
END;

CREATE TRIGGER model_versions_count_update AFTER UPDATE OF deleted_at, model_id ON model_versions
WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) OR OLD.model_id <> NEW.model_id
BEGIN
    UPDATE models SET live_versions = live_versions - 1 WHERE id = OLD.model_id AND OLD.deleted_at IS NULL;
    UPDATE models SET live_versions = live_versions + 1 WHERE id = NEW.model_id AND NEW.deleted_at IS NULL;
END;
