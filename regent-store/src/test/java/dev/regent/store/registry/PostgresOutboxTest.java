package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** The outbox on PostgreSQL (SKIP LOCKED claims), when REGENT_TEST_POSTGRES_URL is set. */
class PostgresOutboxTest extends OutboxContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
