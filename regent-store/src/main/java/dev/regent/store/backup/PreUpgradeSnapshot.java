package dev.regent.store.backup;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.store.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * The copy of an embedded database taken just before a newer Regent migrates it: {@code backups/regent.db.before-
 * schema-<from>-to-<to>} beside the database, private, never overwritten. Going back to the older Regent is then
 * stopping the server and putting that file in place of regent.db (docs/operations.md); the blobs need nothing, as
 * they are never changed or removed.
 */
public final class PreUpgradeSnapshot {
    /** The folder beside the database that holds the snapshots. */
    public static final String FOLDER = "backups";

    private PreUpgradeSnapshot() {
    }

    /** Snapshots {@code database} (schema at version {@code from}) before it is migrated to {@code to}. */
    public static Path take(Path database, String from, String to) {
        Path folder = database.toAbsolutePath().getParent().resolve(FOLDER);
        String base = database.getFileName() + ".before-schema-" + from + "-to-" + to;
        try {
            PrivateFiles.directory(folder);
            Path copy = folder.resolve(base);
            for (int n = 2; Files.exists(copy); n++) {
                copy = folder.resolve(base + "." + n);
            }
            SqliteSnapshot.copy(database, copy);
            return copy;
        } catch (IOException | SQLException e) {
            throw new RegentException(ErrorCode.UNAVAILABLE, "will not upgrade " + database + " without a copy of it "
                    + "first, and the copy into " + folder + " failed: " + e.getMessage() + " (nothing was changed)",
                    Map.of());
        }
    }
}
