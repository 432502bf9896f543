package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Tags;
import dev.regent.core.registry.Registry;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.JdbcRegistryStore;
import dev.regent.store.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The view of hot reads on SQLite. */
class SqliteHotReadsTest extends HotReadsContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.sqlite();
    }

    /**
     * The 1-s bound guards only against writers a store cannot hear: a server holding the data directory's lock is
     * the file's only writer, so its view keeps a value until its own next change (issue 19: a 1-s bound sent a
     * quarter of random version reads to the database). Shown by changing the row behind both registries' backs, as
     * only a process ignoring the lock could.
     */
    @Test
    void aSoleWritersViewHasNoAgeBoundAndAnotherProcesssViewHasOne() throws Exception {
        ModelName m = uniqueModel("bound");
        registry.createModel(ALICE, m, Description.of("before"), Tags.EMPTY, false);
        try (RegistryStore sole = openStore(); RegistryStore reader = openStore()) {
            ((JdbcRegistryStore) sole).declareSoleWriter();
            Registry server = TestRegistries.open(sole, Clock.systemUTC(),
                    dev.regent.core.registry.SourceRules.noLocalFiles());
            Registry other = otherNode(reader);
            assertThat(server.overview(ALICE, m).model().description().text()).isEqualTo("before");
            assertThat(other.overview(ALICE, m).model().description().text()).isEqualTo("before");
            try (Connection c = database().connect();
                 PreparedStatement s = c.prepareStatement("UPDATE models SET description = 'behind its back' WHERE name = ?")) {
                s.setString(1, m.value());
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            Thread.sleep(1_300);
            assertThat(other.overview(ALICE, m).model().description().text()).as("a reader that may miss writers reloads")
                    .isEqualTo("behind its back");
            assertThat(server.overview(ALICE, m).model().description().text()).as("the sole writer's view is exact")
                    .isEqualTo("before");
        }
    }
}
