package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Governance on PostgreSQL (when REGENT_TEST_POSTGRES_URL is set). */
class PostgresRegistryGovernanceTest extends RegistryGovernanceTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
