package dev.regent.store;

/** The audit tamper contract on PostgreSQL, when REGENT_TEST_POSTGRES_URL names one (CI sets it). */
class PostgresAuditChainTamperTest extends AuditChainTamperContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
