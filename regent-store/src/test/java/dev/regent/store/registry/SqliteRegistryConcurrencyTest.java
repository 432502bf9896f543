package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Registry races on SQLite. */
class SqliteRegistryConcurrencyTest extends RegistryConcurrencyTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
