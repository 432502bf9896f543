package dev.regent.store.audit;

import dev.regent.core.audit.checkpoint.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The audit signing key on disk ({@code audit-signing.key} in the data directory unless configured): read when
 * present, otherwise generated once and written owner-only (0600) through a temporary file and an atomic rename,
 * never overwritten.
 */
public final class SigningKeyFile {
    public static final String FILE_NAME = "audit-signing.key";

    private SigningKeyFile() {
    }

    /** The key in the file, creating the file with a new key named {@code origin} when it does not exist. */
    public static SigningKey loadOrCreate(Path file, String origin, SecureRandom random) {
        try {
            if (Files.exists(file)) {
                return SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            SigningKey key = SigningKey.generate(origin, random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".audit-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, key.encode() + "\n", StandardCharsets.UTF_8);
                try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                try {
                    // a link fails when another process created the key meanwhile; that key then wins
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException e) {
                    return SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8));
                } catch (UnsupportedOperationException | IOException e) {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException(e);
            } finally {
                Files.deleteIfExists(temp);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit signing key " + file, e);
        }
    }
}
