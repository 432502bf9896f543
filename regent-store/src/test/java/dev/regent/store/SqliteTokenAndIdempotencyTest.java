package dev.regent.store;

/** The token and idempotency store contract on SQLite, always. */
class SqliteTokenAndIdempotencyTest extends TokenAndIdempotencyContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
