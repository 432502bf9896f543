package dev.regent.store.secrets;

import dev.regent.store.files.WriteOnceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets the server must be able to read back (webhook signing secrets) sealed at rest: AES-256-GCM under a key kept
 * in the data directory ({@value #FILE_NAME}, 256 random bits, owner-only, written once like the other key files),
 * with a fresh 96-bit nonce per seal and the row's id as associated data, so a sealed value copied to another row
 * does not open there. A stolen database without the key file reveals no secret. The key file is created the first
 * time something is sealed, so a process that only reads leaves the directory as it found it.
 *
 * <p>Sealed text: {@code "v1:" + base64(nonce || ciphertext || tag)}.
 */
public final class SecretSeal {
    /** The key file's name in the data directory. */
    public static final String FILE_NAME = "webhook-secrets.key";
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "regent webhook secret v1\0".getBytes(StandardCharsets.UTF_8);

    /** A sealed value that does not open: another row's, another key's, edited, or the key file is missing. */
    public static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;

        Broken(String message) {
            super(message);
        }
    }

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    private SecretSeal(Path file) {
        this.file = file;
    }

    /** The seal whose key is {@value #FILE_NAME} in {@code dataDir}. */
    public static SecretSeal inDataDirectory(Path dataDir) {
        return new SecretSeal(dataDir.resolve(FILE_NAME));
    }

    /** Whether a stored value is sealed (anything else is a clear secret of an older Regent, or not ours). */
    public static boolean sealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Seals {@code secret} for the row {@code id}, creating the key file if this is the first seal. */
    public String seal(String id, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(true), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(id));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens a value sealed for the row {@code id}; {@link Broken} when it is not one, or not this row's, or not this key's. */
    public String open(String id, String stored) throws Broken {
        if (!sealed(stored)) {
            throw new Broken("the stored secret is not sealed");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new Broken("the sealed secret is not base64");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new Broken("the sealed secret is too short");
        }
        SecretKeySpec k = key(false);
        if (k == null) {
            throw new Broken("the key file " + FILE_NAME + " is missing from the data directory");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(aad(id));
            return new String(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new Broken("the sealed secret does not open for this webhook (sealed for another row, under another "
                    + FILE_NAME + ", or edited)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] aad(String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(CONTEXT.length + idBytes.length).put(CONTEXT).put(idBytes).array();
    }

    /** The key: read once, or created when {@code create} and absent; null when absent and not created. */
    private SecretKeySpec key(boolean create) {
        SecretKeySpec k = key;
        if (k != null) {
            return k;
        }
        synchronized (this) {
            if (key != null) {
                return key;
            }
            try {
                byte[] bytes;
                if (Files.isRegularFile(file)) {
                    bytes = Files.readAllBytes(file);
                } else if (create) {
                    byte[] fresh = new byte[32];
                    random.nextBytes(fresh);
                    // another process creating the key meanwhile wins: its key is the one read back
                    bytes = WriteOnceFile.createOrRead(file, fresh, true);
                } else {
                    return null;
                }
                if (bytes.length != 32) {
                    throw new IllegalStateException("the key file " + file + " must hold 32 bytes, it holds " + bytes.length
                            + "; restore it from a backup (a new key cannot open the stored secrets)");
                }
                key = new SecretKeySpec(bytes, "AES");
                return key;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or create the webhook secrets key " + file, e);
            }
        }
    }
}
