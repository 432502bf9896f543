package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Rotating the audit signing key on PostgreSQL, when REGENT_TEST_POSTGRES_URL is set. */
class PostgresKeyRotationTest extends KeyRotationContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
