package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Searches on PostgreSQL (when REGENT_TEST_POSTGRES_URL is set). */
class PostgresSearchTest extends SearchContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
