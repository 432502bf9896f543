package dev.regent.store.audit;

import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A directory of signed checkpoints outside the database, one file per checkpoint named by its tree size
 * ({@code checkpoint-<size>.txt}), written once: through a fsynced temporary file and a hard link that fails when the
 * name exists. An existing file with the same note is left alone; one with a different note of the same size is a
 * fork, refused as CONFLICT.
 */
public final class CheckpointDirectory implements CheckpointSigner.Sink {
    private final Path dir;

    public CheckpointDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The file a checkpoint of this size is written to. */
    public Path fileFor(long size) {
        return dir.resolve("checkpoint-" + size + ".txt");
    }

    @Override
    public void publish(StoredCheckpoint checkpoint) {
        write(checkpoint);
    }

    /** Writes the checkpoint unless the same one is there already; returns its file. */
    public Path write(StoredCheckpoint checkpoint) {
        Path file = fileFor(checkpoint.size());
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                return same(file, checkpoint);
            }
            Path temp = Files.createTempFile(dir, ".checkpoint", ".tmp");
            try {
                Files.writeString(temp, checkpoint.note(), StandardCharsets.UTF_8);
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                try {
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException e) {
                    return same(file, checkpoint);
                } catch (UnsupportedOperationException e) {
                    Files.move(temp, file);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }

    private static Path same(Path file, StoredCheckpoint checkpoint) throws IOException {
        if (!Files.readString(file, StandardCharsets.UTF_8).equals(checkpoint.note())) {
            throw new RegentException(ErrorCode.CONFLICT, file + " holds a different checkpoint of size " + checkpoint.size()
                    + ": a forked log; not overwriting it", Map.of("file", file.toString()));
        }
        return file;
    }
}
