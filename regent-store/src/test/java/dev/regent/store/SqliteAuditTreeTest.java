package dev.regent.store;

/** The audit tree store contract on SQLite, always. */
class SqliteAuditTreeTest extends AuditTreeContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
