package dev.regent.store.registry;

import dev.regent.store.TestDatabase;

/** Renaming models on SQLite. */
class SqliteRenameTest extends RenameContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }
}
