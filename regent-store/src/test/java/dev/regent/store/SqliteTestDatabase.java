package dev.regent.store;

import dev.regent.core.store.RegistryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A SQLite database in its own temporary data directory. */
final class SqliteTestDatabase implements TestDatabase {
    private final Path dataDir;

    SqliteTestDatabase() {
        try {
            dataDir = Files.createTempDirectory("regent-store-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory the store's regent.db lives in. */
    Path dataDir() {
        return dataDir;
    }

    @Override
    public RegistryStore openStore() {
        return StoreFactory.open(dataDir, null);
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:sqlite:" + dataDir.resolve(StoreConfig.SQLITE_FILE).toAbsolutePath();
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "SQLite in " + dataDir;
    }
}
