package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** The outbox on SQLite. */
class SqliteOutboxTest extends OutboxContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
