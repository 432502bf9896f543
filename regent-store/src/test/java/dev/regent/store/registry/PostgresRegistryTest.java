package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** The registry's rules on PostgreSQL (when REGENT_TEST_POSTGRES_URL is set). */
class PostgresRegistryTest extends RegistryContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
