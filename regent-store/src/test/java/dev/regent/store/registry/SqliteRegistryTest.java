package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** The registry's rules on SQLite. */
class SqliteRegistryTest extends RegistryContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
