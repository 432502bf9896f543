package dev.regent.store;

/** The governance store contract on PostgreSQL, when REGENT_TEST_POSTGRES_URL is set. */
class PostgresGovernanceTest extends GovernanceContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
