package dev.regent.store;

/** The governance store contract on SQLite, always. */
class SqliteGovernanceTest extends GovernanceContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
