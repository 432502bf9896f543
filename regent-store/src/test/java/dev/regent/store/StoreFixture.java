package dev.regent.store;

import dev.regent.core.model.ModelName;
import dev.regent.core.store.RegistryStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * Base of every test class that needs a real store: one scratch database and one open store per class (not per
 * method: tests use {@link #uniqueModel} names so they don't see each other). A subclass names its database in
 * one line, e.g. {@code protected TestDatabase createDatabase() { return TestDatabase.sqlite(); }}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreFixture {
    private final AtomicInteger names = new AtomicInteger();
    private TestDatabase database;
    private RegistryStore store;
    private String skipReason;

    /** The database this class's tests run against: {@link TestDatabase#sqlite()} or {@link TestDatabase#postgres()}. */
    protected abstract TestDatabase createDatabase();

    @BeforeAll
    final void openFixture() {
        try {
            database = createDatabase();
        } catch (TestAbortedException e) {
            // Aborting here would hide the whole class from the report; skip each test visibly instead.
            skipReason = e.getMessage();
            return;
        }
        store = database.openStore();
    }

    @BeforeEach
    final void requireDatabase() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    /** Skips the caller (a test, or a subclass's own {@code @BeforeAll}) when the database is not available. */
    private void available() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    final void closeFixture() {
        if (store != null) {
            store.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** The store shared by this class's tests. */
    protected RegistryStore store() {
        available();
        return store;
    }

    /** Opens another store on the same database (e.g. to test reopening); the caller closes it. */
    protected RegistryStore openStore() {
        available();
        return database.openStore();
    }

    /** The scratch database, for raw connections and snapshots. */
    protected TestDatabase database() {
        available();
        return database;
    }

    /** Every row of every table, for "nothing changed" assertions. */
    protected DatabaseSnapshot snapshot() {
        available();
        return database.snapshot();
    }

    /** A model name no other test of this class uses. */
    protected ModelName uniqueModel(String prefix) {
        return ModelName.of(prefix + "-" + names.incrementAndGet());
    }
}
