package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** The view of hot reads on SQLite. */
class SqliteHotReadsTest extends HotReadsContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
