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
