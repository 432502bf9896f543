package dev.regent.store.audit;

import dev.regent.core.audit.checkpoint.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.regent.store.files.WriteOnceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The audit signing key on disk ({@code audit-signing.key} in the data directory unless configured): read when
 * present, otherwise generated once and written owner-only (0600) once ({@link WriteOnceFile}),
 * never overwritten.
 */
public final class SigningKeyFile {
    public static final String FILE_NAME = "audit-signing.key";

    private SigningKeyFile() {
    }

    /** The verifier of the key in {@code file}, or empty when there is no such file (nothing is created). */
    public static java.util.Optional<dev.regent.core.audit.checkpoint.VerifierKey> verifierIfPresent(Path file) {
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8)).verifier());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit signing key " + file, e);
        }
    }

    /**
     * Where a rotation keeps the new key until the hand-over is recorded: {@code <file>.next}. The key file itself is
     * replaced only afterwards ({@link #install}), so that at any moment it holds the key the store's chain calls current
     * or, if a rotation stopped in between, the old one with the new one waiting here.
     */
    public static Path pending(Path file) {
        return file.resolveSibling(file.getFileName() + ".next");
    }

    /** The key waiting in {@link #pending}, if any. */
    public static java.util.Optional<SigningKey> pendingKey(Path file) {
        Path next = pending(file);
        if (!Files.isRegularFile(next)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(SigningKey.parse(Files.readString(next, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pending audit signing key " + next, e);
        }
    }

    /** Writes the new key to {@link #pending} (0600, fsynced); refuses when another key waits there. */
    public static void stage(Path file, SigningKey next) {
        try {
            byte[] stored = WriteOnceFile.createOrRead(pending(file), (next.encode() + "\n").getBytes(StandardCharsets.UTF_8), true);
            if (!SigningKey.parse(new String(stored, StandardCharsets.UTF_8)).verifier().equals(next.verifier())) {
                throw new IllegalStateException(pending(file) + " holds another key: a rotation was interrupted; run "
                        + "'regent audit rotate-key' again to finish it (see docs/operations.md)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the new audit signing key " + pending(file), e);
        }
    }

    /**
     * Makes the pending key the key file's: the old key file (if any) gets a second name,
     * {@code <file>.retired-<old key ID>}, then the pending file replaces the key file in one rename, and the directory
     * is fsynced. Returns the retired file, or null when there was no old key file.
     */
    public static Path install(Path file) {
        Path retired = null;
        try {
            if (Files.isRegularFile(file)) {
                String oldId = SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8)).verifier().keyIdHex();
                retired = file.resolveSibling(file.getFileName() + ".retired-" + oldId);
                if (!Files.exists(retired)) {
                    Files.createLink(retired, file);
                }
            }
            Files.move(pending(file), file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            dev.regent.store.files.DirectorySync.FSYNC.sync(file.toAbsolutePath().getParent());
            return retired;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the new audit signing key " + file, e);
        }
    }

    /** The key in the file, creating the file with a new key named {@code origin} when it does not exist. */
    public static SigningKey loadOrCreate(Path file, String origin, SecureRandom random) {
        try {
            if (Files.exists(file)) {
                return SigningKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            SigningKey key = SigningKey.generate(origin, random);
            // another process creating the key meanwhile wins: its key is the one read back
            byte[] stored = WriteOnceFile.createOrRead(file, (key.encode() + "\n").getBytes(StandardCharsets.UTF_8), true);
            return SigningKey.parse(new String(stored, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit signing key " + file, e);
        }
    }
}
