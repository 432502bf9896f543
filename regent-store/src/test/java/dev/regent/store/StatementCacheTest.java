package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prepared statements kept per SQLite connection: one user at a time, nothing bound outlives its use, bounded. */
class StatementCacheTest {
    @TempDir
    Path dir;

    private Connection open() throws Exception {
        Connection c = StoreFactory.sqliteSource(dir.resolve("cache.db")).getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v TEXT)");
            s.execute("INSERT OR IGNORE INTO t VALUES (1, 'one'), (2, 'two')");
        }
        return c;
    }

    @Test
    void aStatementGivenBackIsReusedWithItsParametersCleared() throws Exception {
        try (Connection c = open()) {
            StatementCache cache = StatementCache.of(c);
            PreparedStatement first = cache.take("SELECT v FROM t WHERE k = ?");
            first.setInt(1, 1);
            try (ResultSet rs = first.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
            cache.giveBack("SELECT v FROM t WHERE k = ?", first);
            PreparedStatement again = cache.take("SELECT v FROM t WHERE k = ?");
            assertThat(again).isSameAs(first);
            // the value bound by the earlier use is gone: an unbound parameter is NULL, which matches no key
            try (ResultSet rs = again.executeQuery()) {
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void twoUsesOfOneSqlAtOnceGetTwoStatementsAndOnlyOneIsKept() throws Exception {
        try (Connection c = open()) {
            StatementCache cache = StatementCache.of(c);
            String sql = "SELECT v FROM t ORDER BY k";
            PreparedStatement outer = cache.take(sql);
            PreparedStatement inner = cache.take(sql);
            assertThat(inner).isNotSameAs(outer);
            try (ResultSet a = outer.executeQuery(); ResultSet b = inner.executeQuery()) {
                assertThat(a.next() && b.next()).isTrue();
                assertThat(a.getString(1)).isEqualTo(b.getString(1));
            }
            cache.giveBack(sql, inner);
            cache.giveBack(sql, outer);
            assertThat(cache.size()).isEqualTo(1);
            assertThat(inner.isClosed()).isTrue(); // the twin given back first was replaced and closed
        }
    }

    @Test
    void aDiscardedStatementIsClosedAndNeverHandedOutAgain() throws Exception {
        try (Connection c = open()) {
            StatementCache cache = StatementCache.of(c);
            String sql = "INSERT INTO t VALUES (?, ?)";
            PreparedStatement s = cache.take(sql);
            s.setInt(1, 1);
            s.setString(2, "duplicate");
            try {
                s.executeUpdate();
            } catch (java.sql.SQLException expected) {
                StatementCache.discard(s);
            }
            assertThat(s.isClosed()).isTrue();
            assertThat(cache.take(sql)).isNotSameAs(s);
        }
    }

    @Test
    void theCacheIsBoundedAndClosesWhatItEvicts() throws Exception {
        try (Connection c = open()) {
            StatementCache cache = StatementCache.of(c);
            PreparedStatement eldest = cache.take("SELECT 0");
            cache.giveBack("SELECT 0", eldest);
            for (int i = 1; i <= StatementCache.CAPACITY; i++) {
                cache.giveBack("SELECT " + i, cache.take("SELECT " + i));
            }
            assertThat(cache.size()).isEqualTo(StatementCache.CAPACITY);
            assertThat(eldest.isClosed()).isTrue();
        }
    }

    @Test
    void theCachesOfClosedConnectionsAreDropped() throws Exception {
        Connection a = open();
        StatementCache.of(a);
        a.close();
        int before = StatementCache.connections();
        try (Connection b = open()) {
            StatementCache.of(b);
            assertThat(StatementCache.connections()).isLessThanOrEqualTo(before);
        }
        assertThat(Files.exists(dir.resolve("cache.db"))).isTrue();
    }
}
