package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Renaming models on PostgreSQL (when REGENT_TEST_POSTGRES_URL is set). */
class PostgresRenameTest extends RenameContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
