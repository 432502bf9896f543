package dev.regent.store;

/** The audit tamper contract on SQLite, always. */
class SqliteAuditChainTamperTest extends AuditChainTamperContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
