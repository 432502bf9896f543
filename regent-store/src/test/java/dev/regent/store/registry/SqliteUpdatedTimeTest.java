package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Last-updated times on Sqlite. */
class SqliteUpdatedTimeTest extends UpdatedTimeContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
