package dev.regent.store;

/** The store contract on PostgreSQL, when REGENT_TEST_POSTGRES_URL is set. */
class PostgresStoreTest extends StoreContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
