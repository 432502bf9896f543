package dev.regent.store.backup;

import dev.regent.store.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A consistent copy of a live SQLite database: {@code VACUUM INTO} reads it in one read transaction (so writers go on,
 * in WAL mode, and the copy is one moment of it, never a torn file) and writes a new compact file, made private and
 * forced to disk.
 */
final class SqliteSnapshot {
    private SqliteSnapshot() {
    }

    static void copy(Path database, Path copy) throws IOException, SQLException {
        // created empty and owner-only first (VACUUM INTO accepts an empty file): never readable by others, even briefly
        PrivateFiles.file(copy);
        SQLiteConfig settings = new SQLiteConfig();
        settings.setReadOnly(true);
        settings.setBusyTimeout(30_000);
        SQLiteDataSource source = new SQLiteDataSource(settings);
        source.setUrl("jdbc:sqlite:" + database);
        try (Connection c = source.getConnection(); PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, copy.toString());
            s.execute();
        }
        PrivateFiles.narrowIfPresent(copy);
        DataDirectoryBackup.force(copy);
    }
}
