package dev.regent.store;

/** The token and idempotency store contract on PostgreSQL, when REGENT_TEST_POSTGRES_URL is set. */
class PostgresTokenAndIdempotencyTest extends TokenAndIdempotencyContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
