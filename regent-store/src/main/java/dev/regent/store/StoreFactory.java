package dev.regent.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.store.StoreFailure;
import dev.regent.store.backup.PreUpgradeSnapshot;
import dev.regent.store.blob.FileBlobStore;
import dev.regent.store.files.PrivateFiles;
import dev.regent.store.secrets.SecretSeal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens a {@link JdbcRegistryStore}: creates the pools and brings the schema up to date with Flyway. */
public final class StoreFactory {
    /** How long a SQLite writer waits for another process's write lock before giving up. */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;
    static final int SQLITE_READERS = 4;
    /** PostgreSQL connections for read transactions, and for write transactions (which queue on row locks anyway). */
    static final int POSTGRES_POOL_SIZE = 10;
    static final int POSTGRES_WRITERS = 5;
    /** The files SQLite keeps beside the database in WAL mode; they hold recent changes, so as private as it. */
    static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm");
    /** Run on each reader connection as it opens: a read transaction can then write nothing, whatever it runs. */
    static final String READERS_INIT_SQL = "PRAGMA query_only = ON";

    private StoreFactory() {
    }

    /** Opens the store in the data directory's SQLite file, or at the given JDBC URL when it is not null or blank. */
    public static JdbcRegistryStore open(Path dataDir, String jdbcUrlOrNull) {
        return open(StoreConfig.of(dataDir, jdbcUrlOrNull));
    }

    /**
     * A store for a long-running process (the server): on SQLite it also keeps the query planner's statistics
     * current, at open and every {@link SqliteStatistics#EVERY_WRITES} write transactions. Short-lived processes (a
     * local-mode command) leave the file exactly as they found it unless they change the registry.
     */
    public static JdbcRegistryStore openLongLived(Path dataDir, String jdbcUrlOrNull) {
        StoreConfig config = StoreConfig.of(dataDir, jdbcUrlOrNull);
        if (!config.isPostgres()) {
            privateSqliteFiles(config);
            SqliteStatistics.refresh(sqliteSource(config.sqliteFile()), config.sqliteFile());
        }
        JdbcRegistryStore store = open(config);
        store.maintainStatistics();
        return store;
    }

    /** The newest schema version this build knows (its last migration). */
    public static String schemaVersion() {
        return SchemaHistory.newest();
    }

    /** The content-addressed blob store of a data directory, in its {@code blobs} folder. */
    public static FileBlobStore blobs(Path dataDir) {
        return new FileBlobStore(dataDir.resolve("blobs"));
    }

    /** Opens the store the configuration names, migrating its schema first. */
    public static JdbcRegistryStore open(StoreConfig config) {
        return config.isPostgres() ? openPostgres(config) : openSqlite(config, true);
    }

    /**
     * As {@link #open(StoreConfig)}, for a process that runs one command and exits (a local-mode {@code regent}
     * command): on SQLite each transaction opens its own connection ({@link SqliteConnectionPerTransaction}) instead
     * of making two connection pools; the same settings, the same transactions. Not for a process that serves many.
     */
    public static JdbcRegistryStore openForOneCommand(StoreConfig config) {
        return config.isPostgres() ? openPostgres(config) : openSqlite(config, false);
    }

    /**
     * Opens the embedded SQLite store only if its schema is exactly this build's, never migrating it: for a process
     * that may only read a directory another process writes (migrating is writing). Empty when it would need to.
     */
    public static Optional<JdbcRegistryStore> openSqliteIfCurrent(StoreConfig config) {
        return openSqliteIfCurrent(config, true);
    }

    /** As {@link #openSqliteIfCurrent(StoreConfig)}; not {@code pooled}: for one command, as {@link #openForOneCommand}. */
    public static Optional<JdbcRegistryStore> openSqliteIfCurrent(StoreConfig config, boolean pooled) {
        if (config.isPostgres()) {
            throw new IllegalArgumentException("only the embedded SQLite store is opened without migrating");
        }
        Path file = privateSqliteFiles(config);
        if (!SchemaHistory.current(sqliteSource(file))) {
            return Optional.empty();
        }
        return Optional.of(sqliteStore(file, SecretSeal.inDataDirectory(config.dataDir()), pooled));
    }

    private static JdbcRegistryStore openSqlite(StoreConfig config, boolean pooled) {
        Path file = privateSqliteFiles(config);
        SQLiteDataSource source = sqliteSource(file);
        boolean current = SchemaHistory.current(source);
        if (!current) {
            List<String> applied = SchemaHistory.applied(source);
            refuseNewer(applied, "SQLite " + file);
            if (!applied.isEmpty()) {
                // an upgrade: keep the database as it was before any migration touches it, to go back to
                PreUpgradeSnapshot.take(file, applied.get(applied.size() - 1), SchemaHistory.newest());
            }
        }
        SecretSeal seal = SecretSeal.inDataDirectory(config.dataDir());
        if (!current) {
            // (a current schema was just read: asking migrate to read it again cost a command another connection)
            migrate(new SqliteDialect(), source, "SQLite " + file, seal);
        }
        return sqliteStore(file, seal, pooled);
    }

    /** A database written by a newer Regent is never opened (an older build would misread or damage it). */
    private static void refuseNewer(List<String> applied, String description) {
        List<String> unknown = SchemaHistory.unknown(applied);
        if (!unknown.isEmpty()) {
            throw new RegentException(ErrorCode.CONFLICT, description + " was written by a newer Regent (schema "
                    + "version " + unknown.get(unknown.size() - 1) + "; this regent knows versions up to "
                    + SchemaHistory.newest() + "): run that newer regent, or restore a backup taken before the "
                    + "upgrade into a new data directory (docs/operations.md)", Map.of("schema_version",
                    unknown.get(unknown.size() - 1), "known_up_to", SchemaHistory.newest()));
        }
    }

    private static JdbcRegistryStore sqliteStore(Path file, SecretSeal seal, boolean pooled) {
        String description = "SQLite " + file;
        SqliteDialect dialect = new SqliteDialect();
        if (!pooled) {
            DataSource writers = new SqliteConnectionPerTransaction(sqliteSource(file), null);
            DataSource readers = new SqliteConnectionPerTransaction(sqliteSource(file), READERS_INIT_SQL);
            JdbcRegistryStore store = new JdbcRegistryStore(dialect, writers, readers, description, List.of(), seal);
            groupCommitsUnlessDisabled(store);
            return store;
        }
        // One writer connection: in-process writers queue in the pool instead of spinning in SQLite's busy
        // handler; the busy timeout still covers writers in other processes. Readers run in parallel (WAL).
        HikariDataSource writers = pool("regent-sqlite-writer", sqliteSource(file), 1, null);
        HikariDataSource readers;
        try {
            readers = pool("regent-sqlite-reader", sqliteSource(file), SQLITE_READERS, READERS_INIT_SQL);
        } catch (RuntimeException e) {
            writers.close();
            throw e;
        }
        JdbcRegistryStore store = new JdbcRegistryStore(dialect, writers, readers, description, List.of(writers, readers), seal);
        groupCommitsUnlessDisabled(store);
        return store;
    }

    /** Several writers' transactions per fsync; -Dregent.sqlite.groupCommit=false measures without (benchmarks). */
    private static void groupCommitsUnlessDisabled(JdbcRegistryStore store) {
        if (!"false".equals(System.getProperty("regent.sqlite.groupCommit"))) {
            store.commitInGroups();
        }
    }

    /**
     * Makes the data directory (0700) and the database file (0600) before SQLite first opens it, or narrows them
     * when an earlier version left them readable by others; returns the database file.
     */
    private static Path privateSqliteFiles(StoreConfig config) {
        Path file = config.sqliteFile();
        try {
            if (config.jdbcUrl() == null) {
                PrivateFiles.directory(file.getParent());
            } else {
                // a file named by URL may lie in a shared directory: only the file itself is made private
                Files.createDirectories(file.getParent());
            }
            PrivateFiles.file(file);
            for (String suffix : SQLITE_SIDE_FILES) {
                PrivateFiles.narrowIfPresent(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new StoreFailure("cannot prepare the data directory " + file.getParent() + ": " + e.getMessage(), e);
        }
        return file;
    }

    static SQLiteDataSource sqliteSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    /**
     * Two pools whose connections keep their transaction characteristics for life (set once when a connection opens:
     * writers READ COMMITTED, readers REPEATABLE READ and read-only, neither in auto-commit), so a transaction costs
     * no round trip to set them: one shared pool switched them per transaction with SET SESSION CHARACTERISTICS, and
     * switched them back when the connection returned (three statements per read-only transaction, one per write).
     * Migrations run first on a connection of their own.
     */
    private static JdbcRegistryStore openPostgres(StoreConfig config) {
        String description = "PostgreSQL " + config.postgresLocation();
        SecretSeal seal = SecretSeal.inDataDirectory(config.dataDir());
        HikariDataSource migrations = postgresPool(config, "regent-postgres-migrations", POSTGRES_POOL_SIZE, null,
                description); // Flyway holds more than one connection at a time (its lock, the migration)
        try {
            migrate(new PostgresDialect(), migrations, description, seal);
        } finally {
            migrations.close();
        }
        HikariDataSource writers = postgresPool(config, "regent-postgres-writer", POSTGRES_WRITERS, false, description);
        HikariDataSource readers;
        try {
            readers = postgresPool(config, "regent-postgres-reader", POSTGRES_POOL_SIZE, true, description);
        } catch (RuntimeException e) {
            writers.close();
            throw e;
        }
        JdbcRegistryStore store = new JdbcRegistryStore(new PostgresDialect(), writers, readers, description,
                List.of(writers, readers), seal);
        store.listenForOtherNodes(config.jdbcUrl());
        return store;
    }

    /** A PostgreSQL pool; {@code readOnly} null: plain auto-commit connections (for migrations). */
    private static HikariDataSource postgresPool(StoreConfig config, String name, int size, Boolean readOnly,
                                                 String description) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        if (readOnly != null) {
            hikari.setAutoCommit(false);
            hikari.setReadOnly(readOnly);
            hikari.setTransactionIsolation(readOnly ? "TRANSACTION_REPEATABLE_READ" : "TRANSACTION_READ_COMMITTED");
        }
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreFailure("cannot connect to " + description + ": " + rootMessage(e), e);
        }
    }

    private static HikariDataSource pool(String name, DataSource source, int size, String initSql) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(source);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        // Writers queue here behind the one writer connection; give them as long as a busy database would.
        hikari.setConnectionTimeout(2L * SQLITE_BUSY_TIMEOUT_MILLIS);
        if (initSql != null) {
            hikari.setConnectionInitSql(initSql);
        }
        return new HikariDataSource(hikari);
    }

    private static void migrate(Dialect dialect, DataSource source, String description, SecretSeal seal) {
        if (SchemaHistory.current(source)) {
            return;
        }
        refuseNewer(SchemaHistory.applied(source), description);
        try {
            Flyway.configure()
                    .dataSource(source)
                    // Through SLF4J, so the application's logging setup decides; Flyway's default would
                    // print INFO lines to stderr on every CLI run.
                    .loggers("slf4j")
                    .locations(dialect.migrationLocation())
                    .failOnMissingLocations(true)
                    .javaMigrations(new AuditLeafBackfill(dialect), new ModelNameKeyBackfill(dialect),
                            new AuditEntryBackfill(dialect), new WebhookSecretSealing(dialect, seal))
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            if (Sql.isStorageFull(e)) {
                throw new dev.regent.core.store.StorageFull(description + " has no space left to open it: nothing was "
                        + "written; free space on the disk that holds it (or raise its quota), then retry [" + rootMessage(e) + "]", e);
            }
            throw new StoreFailure("cannot bring the schema of " + description + " up to date: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
