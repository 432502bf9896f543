package dev.regent.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.merkle.TreeHasher;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the key transition note as docs/audit.md describes it, checked the way an auditor's own tool would: its six
 * text lines, then one signature line per key, each base64(key ID ‖ Ed25519 signature over the text) with key ID =
 * SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4] — parsed and verified here with the JDK alone, not with Regent's note classes.
 */
class KeyTransitionFormatTest {
    @Test
    void aTransitionNoteIsSixLinesSignedByTheOldAndTheNewKey() throws Exception {
        SigningKey oldKey = SigningKey.fromSeed("example.com/log", new byte[32]);
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 1);
        SigningKey newKey = SigningKey.fromSeed("example.com/log", seed);
        var root = TreeHasher.leaf(new byte[] {42});
        String note = new KeyTransition("example.com/log", 42, root, oldKey.verifier(), newKey.verifier()).sign(oldKey, newKey);

        String[] parts = note.split("\n\n", 2);
        String text = parts[0] + "\n";
        assertThat(text).isEqualTo("regent-audit-key-transition/v1\nexample.com/log\n42\n" + root.base64() + "\n"
                + oldKey.verifier() + "\n" + newKey.verifier() + "\n");
        String[] signatures = parts[1].split("\n");
        assertThat(signatures).hasSize(2);
        String[] vkeys = {oldKey.verifier().toString(), newKey.verifier().toString()};
        for (int i = 0; i < 2; i++) {
            assertThat(signatures[i]).startsWith("\u2014 example.com/log ");
            byte[] blob = Base64.getDecoder().decode(signatures[i].substring("\u2014 example.com/log ".length()));
            String[] v = vkeys[i].split("\\+");
            byte[] typed = Base64.getDecoder().decode(v[2]);
            assertThat(typed[0]).isEqualTo((byte) 1);
            byte[] raw = Arrays.copyOfRange(typed, 1, typed.length);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(v[0].getBytes(StandardCharsets.UTF_8));
            sha.update(new byte[] {'\n', 1});
            byte[] id = Arrays.copyOf(sha.digest(raw), 4);
            assertThat(HexFormat.of().formatHex(id)).isEqualTo(v[1]);
            assertThat(Arrays.copyOf(blob, 4)).isEqualTo(id);
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(jdkKey(raw));
            ed.update(text.getBytes(StandardCharsets.UTF_8));
            assertThat(ed.verify(Arrays.copyOfRange(blob, 4, blob.length))).as("signature line " + i).isTrue();
        }
    }

    private static PublicKey jdkKey(byte[] raw) throws Exception {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100"); // X.509 SubjectPublicKeyInfo of Ed25519
        byte[] der = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(raw, 0, der, prefix.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }
}
