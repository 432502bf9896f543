-- The number of live versions of each model, kept by the database itself (PostgreSQL dialect; keep in step with
-- ../sqlite/V14__live_version_counts.sql). Every change plans with it and verifies with it that the older versions
-- are all still there; counting the rows each time cost a scan of the model's versions, twice per change, which grew
-- with the model. A trigger on model_versions keeps the count for every row written, tombstoned, revived or deleted,
-- by whatever statement, so it always equals SELECT COUNT(*) ... WHERE deleted_at IS NULL (StoreContractTest checks
-- both after every kind of change). Writers of one model already hold its row's lock (the version counter), so the
-- count adds no new contention.
ALTER TABLE models ADD COLUMN live_versions integer NOT NULL DEFAULT 0 CHECK (live_versions >= 0);

UPDATE models SET live_versions =
    (SELECT COUNT(*) FROM model_versions v WHERE v.model_id = models.id AND v.deleted_at IS NULL);

CREATE FUNCTION regent_count_live_versions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
        UPDATE models SET live_versions = live_versions - 1 WHERE id = OLD.model_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL THEN
        UPDATE models SET live_versions = live_versions + 1 WHERE id = NEW.model_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER model_versions_count_insert AFTER INSERT ON model_versions
    FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION regent_count_live_versions();
CREATE TRIGGER model_versions_count_delete AFTER DELETE ON model_versions
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION regent_count_live_versions();
CREATE TRIGGER model_versions_count_update AFTER UPDATE OF deleted_at, model_id ON model_versions
    FOR EACH ROW WHEN ((OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.deleted_at IS NULL) OR OLD.model_id <> NEW.model_id)
    EXECUTE FUNCTION regent_count_live_versions();
