package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Model names and their keys on Sqlite. */
class SqliteModelNamesTest extends ModelNamesContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
