package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** The policy as registry state on Postgres (when REGENT_TEST_POSTGRES_URL is set). */
class PostgresPolicyStateTest extends PolicyStateTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
