package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Tags;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.TestDatabase;
import java.sql.ResultSet;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A long-running process's SQLite store (the server's) gathers the query planner's statistics when it opens, so
 * searches are planned on real table sizes; a short-lived one (a local-mode command) leaves the file as it was.
 */
class SqliteStatisticsTest {
    @Test
    void reopeningAStoreWithDataLeavesStatisticsForThePlanner() throws Exception {
        try (TestDatabase db = TestDatabase.sqlite()) {
            try (RegistryStore store = db.openStore()) {
                Registry registry = TestRegistries.open(store, Clock.systemUTC(), SourceRules.noLocalFiles());
                for (int i = 0; i < 30; i++) {
                    registry.createModel(ALICE, ModelName.of("stat-" + i), Description.EMPTY, Tags.EMPTY, false);
                }
            }
            String before = db.snapshot().text();
            try (RegistryStore shortLived = db.openStore()) {
                assertThat(shortLived.describe()).startsWith("SQLite");
            }
            assertThat(db.snapshot().text()).isEqualTo(before);
            java.nio.file.Path dir = java.nio.file.Path.of(db.jdbcUrl().substring("jdbc:sqlite:".length())).getParent();
            try (RegistryStore server = dev.regent.store.StoreFactory.openLongLived(dir, null); var c = db.connect();
                 var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'models'")) {
                assertThat(server.describe()).startsWith("SQLite");
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
            }
        }
    }
}
