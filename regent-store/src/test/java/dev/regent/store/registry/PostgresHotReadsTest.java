package dev.regent.store.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.store.RegistryStore;
import dev.regent.store.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The view of hot reads on PostgreSQL, where other nodes' commits are heard through LISTEN/NOTIFY. */
class PostgresHotReadsTest extends HotReadsContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }

    @Test
    void whileTheListenerIsCutOffNothingIsServedFromTheView() throws Exception {
        try (RegistryStore store = openStore()) {
            assertThat(within(5000, () -> store.generation() == store.generation())).as("listening").isTrue();
            // an administrator (or a network fault) ends every LISTENing session on this database
            try (Connection c = database().connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN regent_changes%' "
                        + "AND pid <> pg_backend_pid()");
            }
            // until it has listened again, every read is a fresh one; then caching resumes
            assertThat(within(5000, () -> store.generation() != store.generation())).as("cut off").isTrue();
            assertThat(within(10000, () -> store.generation() == store.generation())).as("listening again").isTrue();
        }
    }
}
