package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Searches on SQLite. */
class SqliteSearchTest extends SearchContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
