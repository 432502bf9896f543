package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** The policy as registry state on Sqlite. */
class SqlitePolicyStateTest extends PolicyStateTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
