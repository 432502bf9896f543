package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Last-updated times on Postgres. */
class PostgresUpdatedTimeTest extends UpdatedTimeContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
