package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Registry races on PostgreSQL (when REGENT_TEST_POSTGRES_URL is set). */
class PostgresRegistryConcurrencyTest extends RegistryConcurrencyTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
