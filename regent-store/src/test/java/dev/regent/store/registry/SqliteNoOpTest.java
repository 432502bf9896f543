package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Changes that change nothing, on SQLite. */
class SqliteNoOpTest extends NoOpContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
