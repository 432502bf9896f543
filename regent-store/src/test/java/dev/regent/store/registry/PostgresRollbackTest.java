package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Rollback's stage rules on PostgreSQL (when REGENT_TEST_POSTGRES_URL is set). */
class PostgresRollbackTest extends RollbackContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
