package dev.regent.store;

/** The audit tree store contract on PostgreSQL, when REGENT_TEST_POSTGRES_URL is set. */
class PostgresAuditTreeTest extends AuditTreeContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
