package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Changes that change nothing, on PostgreSQL (when REGENT_TEST_POSTGRES_URL is set). */
class PostgresNoOpTest extends NoOpContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
