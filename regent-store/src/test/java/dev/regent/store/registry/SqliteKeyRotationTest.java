package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Rotating the audit signing key on SQLite. */
class SqliteKeyRotationTest extends KeyRotationContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
