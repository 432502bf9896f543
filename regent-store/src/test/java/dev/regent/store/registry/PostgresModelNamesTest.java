package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Model names and their keys on PostgreSQL (when REGENT_TEST_POSTGRES_URL is set). */
class PostgresModelNamesTest extends ModelNamesContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
