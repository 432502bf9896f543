package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Rollback's stage rules on SQLite. */
class SqliteRollbackTest extends RollbackContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
