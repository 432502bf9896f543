package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.regent.core.model.Description;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Tags;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.StoreFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real SQLite database (issue 19): writers that arrive while one runs share its commit; a writer
 * whose work fails is undone alone; a failed commit fails every writer of its group and writes none of them; nobody
 * is answered before the commit that holds their write.
 */
class GroupCommitTest {
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    @TempDir
    Path dir;
    private HikariDataSource writers;
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicBoolean failNextCommit = new AtomicBoolean();
    private GroupCommit group;
    private RegistryStore reader;

    @BeforeEach
    void open() {
        StoreFactory.open(dir, null).close(); // the schema
        reader = StoreFactory.open(dir, null);
        HikariConfig config = new HikariConfig();
        config.setDataSource(StoreFactory.sqliteSource(dir.resolve("regent.db")));
        config.setMaximumPoolSize(1);
        writers = new HikariDataSource(config);
        SqliteDialect dialect = new SqliteDialect();
        group = new GroupCommit(dialect, writers, new GroupCommit.Committer() {
            @Override
            public void accessChanged() {
            }

            @Override
            public JdbcStoreTransaction transaction(Sql sql) {
                return new JdbcStoreTransaction(sql, false, null);
            }

            @Override
            public void commit(Connection connection, boolean accessChanged) throws SQLException {
                if (failNextCommit.getAndSet(false)) {
                    throw new SQLException("disk I/O error (simulated)");
                }
                dialect.commit(connection);
                commits.incrementAndGet();
            }

            @Override
            public boolean rollback(Connection connection) {
                try {
                    dialect.rollback(connection);
                    return true;
                } catch (SQLException e) {
                    return false;
                }
            }

            @Override
            public void release(Connection connection, boolean healthy) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    @AfterEach
    void close() {
        writers.close();
        reader.close();
    }

    private static Model model(String name) {
        return new Model(ModelName.of(name), Description.of(""), Tags.EMPTY, Principal.of("alice"), T0, T0);
    }

    private boolean exists(String name) {
        return reader.read(tx -> tx.findModel(ModelName.of(name))).isPresent();
    }

    /** Runs {@code writers} writes at once, the first holding the connection until the others queue behind it. */
    private List<Future<String>> concurrently(int count, java.util.function.IntFunction<String> write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch othersStarted = new CountDownLatch(count - 1);
        List<Future<String>> results = new ArrayList<>();
        results.add(pool.submit(() -> group.run(tx -> {
            try {
                othersStarted.await(10, TimeUnit.SECONDS);
                Thread.sleep(200); // the others are now queued for their turn
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            tx.insertModel(model("first"));
            return "first";
        })));
        Thread.sleep(50);
        for (int i = 1; i < count; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                othersStarted.countDown();
                return write.apply(n);
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        return results;
    }

    @Test
    void writersThatQueueBehindOneShareItsCommitAndAreAnsweredOnlyOnceItIsDurable() throws Exception {
        List<Future<String>> results = concurrently(12, n -> group.run(tx -> {
            tx.insertModel(model("m" + n));
            return "m" + n;
        }));
        for (Future<String> r : results) {
            String name = r.get();
            assertThat(exists(name)).as(name + " answered, so committed").isTrue();
        }
        assertThat(commits.get()).as("12 writes in fewer commits").isBetween(1, 6);
    }

    @Test
    void aWriterWhoseWorkFailsIsUndoneAloneAndTheOthersCommit() throws Exception {
        List<Future<String>> results = concurrently(8, n -> group.run(tx -> {
            tx.insertModel(model("w" + n));
            if (n % 2 == 0) {
                throw new IllegalArgumentException("refused " + n);
            }
            return "w" + n;
        }));
        for (int n = 1; n < 8; n++) {
            Future<String> r = results.get(n);
            if (n % 2 == 0) {
                assertThat(org.assertj.core.api.Assertions.catchThrowable(r::get)).hasRootCauseMessage("refused " + n);
                assertThat(exists("w" + n)).isFalse();
            } else {
                assertThat(r.get()).isEqualTo("w" + n);
                assertThat(exists("w" + n)).isTrue();
            }
        }
        assertThat(exists("first")).isTrue();
    }

    @Test
    void aFailedCommitFailsEveryWriterOfItsGroupAndWritesNoneOfThem() throws Exception {
        failNextCommit.set(true);
        List<Future<String>> results = concurrently(6, n -> group.run(tx -> {
            tx.insertModel(model("f" + n));
            return "f" + n;
        }));
        int failed = 0;
        for (Future<String> r : results) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(r::get);
            if (t != null) {
                failed++;
                assertThat(t).hasCauseInstanceOf(StoreFailure.class);
            } else {
                assertThat(exists(r.get())).isTrue();
            }
        }
        assertThat(failed).as("the whole first group failed").isGreaterThanOrEqualTo(2);
        long present = java.util.stream.IntStream.range(0, 6).filter(n -> exists(n == 0 ? "first" : "f" + n)).count();
        assertThat(present).isEqualTo(6 - failed);
        // and the connection is usable afterwards
        String after = group.run(tx -> {
            tx.insertModel(model("after"));
            return "after";
        });
        assertThat(after).isEqualTo("after");
        assertThat(exists("after")).isTrue();
    }
}
