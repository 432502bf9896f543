package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Governance on SQLite. */
class SqliteRegistryGovernanceTest extends RegistryGovernanceTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
