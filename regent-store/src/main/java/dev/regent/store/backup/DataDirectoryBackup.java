package dev.regent.store.backup;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.store.StoreConfig;
import dev.regent.store.files.DirectorySync;
import dev.regent.store.files.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An online backup of a data directory on the embedded SQLite store, consistent while a server writes to it:
 * the database is copied with SQLite's {@code VACUUM INTO} inside one read transaction (a snapshot of one moment,
 * never a torn copy of a file being written), then the blobs — after the snapshot, so every blob the snapshot
 * references is there, because a blob is written before the row that names it and never removed — and the keys.
 * Every file is private (the keys are secrets), and the manifest ({@link Sha256Sums}) is written last, so a backup
 * without one is known to be incomplete.
 */
public final class DataDirectoryBackup {
    /** The database's name inside a backup (and inside a restored data directory). */
    public static final String DATABASE = StoreConfig.SQLITE_FILE;
    /** Facts about the snapshot (audit size and root, policy revision, schema), key: value lines. */
    public static final String INFO = "backup-info.txt";
    /** The files of a data directory a backup carries besides the database and the blobs, when present. */
    public static final List<String> DATA_FILES = List.of("audit-signing.key", "page-token.key", "webhook-secrets.key", "regent-policy.yaml");
    static final String BLOBS = "blobs";

    /** Reads facts from the snapshot (and may refuse it, e.g. when its audit log does not verify). */
    @FunctionalInterface
    public interface SnapshotInspector {
        Map<String, String> inspect(Path snapshotDatabase);
    }

    /** What a backup holds. */
    public record Taken(Path directory, int files, long bytes, int blobs, Map<String, String> info) {
    }

    private final DirectorySync sync;

    public DataDirectoryBackup(DirectorySync sync) {
        this.sync = sync;
    }

    /** Backs up the data directory of {@code config} into {@code target} (new, or an empty directory). */
    public Taken take(StoreConfig config, Path target, SnapshotInspector inspector) {
        if (config.isPostgres()) {
            throw RegentException.invalid("'regent backup' copies the embedded SQLite store; a PostgreSQL registry is "
                    + "backed up with pg_dump plus its blob store and keys (see docs/operations.md)");
        }
        Path database = config.sqliteFile();
        if (!Files.isRegularFile(database)) {
            throw RegentException.notFound("there is no registry to back up: " + database + " does not exist "
                    + "(give the data directory with --data)");
        }
        Path source = config.dataDir().toAbsolutePath().normalize();
        try {
            EmptyDirectory.require(target, "the backup goes into a new or empty directory");
            PrivateFiles.directory(target);
            snapshot(database, target.resolve(DATABASE));
            Map<String, String> info = new LinkedHashMap<>(inspector.inspect(target.resolve(DATABASE)));
            List<Sha256Sums.Line> lines = new ArrayList<>();
            lines.add(new Sha256Sums.Line(Sha256Sums.sha256(target.resolve(DATABASE)), DATABASE));
            int blobs = copyBlobs(source.resolve(BLOBS), target, lines);
            for (String name : DATA_FILES) {
                Path file = source.resolve(name);
                if (Files.isRegularFile(file)) {
                    lines.add(new Sha256Sums.Line(copyPrivately(file, target.resolve(name)), name));
                }
            }
            info.put("blobs", Integer.toString(blobs));
            Path infoFile = target.resolve(INFO);
            writePrivately(infoFile, render(info));
            lines.add(new Sha256Sums.Line(Sha256Sums.sha256(infoFile), INFO));
            sync.sync(target);
            // last: its presence says every file above is complete and durable
            writePrivately(target.resolve(Sha256Sums.FILE_NAME), new Sha256Sums(lines).render());
            sync.sync(target);
            long bytes = 0;
            for (Sha256Sums.Line line : lines) {
                bytes += Files.size(target.resolve(line.path()));
            }
            return new Taken(target, lines.size() + 1, bytes, blobs, info);
        } catch (IOException e) {
            throw new RegentException(ErrorCode.UNAVAILABLE, "cannot write the backup into " + target + ": "
                    + e.getMessage() + " (nothing in the data directory was changed)", Map.of());
        }
    }

    private static void snapshot(Path database, Path copy) throws IOException {
        try {
            SqliteSnapshot.copy(database, copy);
        } catch (SQLException e) {
            throw new RegentException(ErrorCode.UNAVAILABLE, "cannot snapshot " + database + ": " + e.getMessage()
                    + " (nothing was changed)", Map.of());
        }
    }

    /** Copies every blob, checking that its bytes still hash to its name: a backup never carries a damaged blob. */
    private int copyBlobs(Path blobs, Path target, List<Sha256Sums.Line> lines) throws IOException {
        Path byDigest = blobs.resolve("sha256");
        if (!Files.isDirectory(byDigest)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(byDigest)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = byDigest.relativize(file).toString().replace('\\', '/');
            String expected = name.replace("/", "");
            String relative = BLOBS + "/sha256/" + name;
            Path copy = target.resolve(relative);
            PrivateFiles.directory(copy.getParent());
            String actual = copyPrivately(file, copy);
            if (!actual.equals(expected)) {
                throw new RegentException(ErrorCode.CONFLICT, "the blob " + relative + " in the data directory no "
                        + "longer matches its digest (its bytes hash to sha256:" + actual + "): run 'regent verify' "
                        + "and restore that blob from an earlier backup; no backup was written", Map.of());
            }
            lines.add(new Sha256Sums.Line(actual, relative));
        }
        return files.size();
    }

    /** Copies a file owner-only and durably; returns the SHA-256 of the copy's bytes. */
    static String copyPrivately(Path from, Path to) throws IOException {
        PrivateFiles.file(to);
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        force(to);
        return Sha256Sums.sha256(to);
    }

    static void writePrivately(Path file, String text) throws IOException {
        PrivateFiles.file(file);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        force(file);
    }

    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    static String render(Map<String, String> info) {
        StringBuilder text = new StringBuilder();
        info.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        return text.toString();
    }

    /** Reads a backup's info file (key: value lines). */
    public static Map<String, String> info(Path backup) throws IOException {
        Map<String, String> info = new LinkedHashMap<>();
        Path file = backup.resolve(INFO);
        if (!Files.isRegularFile(file)) {
            return info;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                info.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return info;
    }
}
