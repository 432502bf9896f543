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

/** Opening a SQLite store gathers the query planner's statistics, so searches are planned on real table sizes. */
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
            try (RegistryStore reopened = db.openStore(); var c = db.connect(); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'models'")) {
                assertThat(reopened.describe()).startsWith("SQLite");
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
            }
        }
    }
}
