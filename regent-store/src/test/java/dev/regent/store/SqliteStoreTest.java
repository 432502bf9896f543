package dev.regent.store;

/** The store contract on SQLite, always. */
class SqliteStoreTest extends StoreContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
