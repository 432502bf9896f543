package dev.regent.store.audit;

import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.regent.store.files.WriteOnceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
            byte[] held = WriteOnceFile.createOrRead(file, checkpoint.note().getBytes(StandardCharsets.UTF_8), false);
            if (!new String(held, StandardCharsets.UTF_8).equals(checkpoint.note())) {
                throw new RegentException(ErrorCode.CONFLICT, file + " holds a different checkpoint of size " + checkpoint.size()
                        + ": a forked log; not overwriting it", Map.of("file", file.toString()));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }
}
