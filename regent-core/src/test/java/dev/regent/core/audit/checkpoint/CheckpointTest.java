package dev.regent.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.merkle.Hash;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tlog-checkpoint text and checkpoints as signed notes, with a fixed key. */
class CheckpointTest {
    static final SigningKey KEY = SigningKey.fromSeed("regent.test/audit", filled(32, 1));
    static final Hash ROOT = Hash.ofHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void textIsTheThreeLines() {
        Checkpoint c = Checkpoint.of("regent.test/audit", 8, ROOT);
        assertThat(c.text()).isEqualTo("regent.test/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n");
        assertThat(Checkpoint.parse(c.text())).isEqualTo(c);
        Checkpoint extended = new Checkpoint("o", 0, ROOT, List.of("ext one"));
        assertThat(Checkpoint.parse(extended.text())).isEqualTo(extended);
    }

    @Test
    void malformedTextsAreRefused() {
        String root = ROOT.base64();
        for (String bad : new String[] {
                "o\n8\n" + root, "o\n8\n", "o\n08\n" + root + "\n", "o\n-1\n" + root + "\n", "o\n8 \n" + root + "\n",
                "o\n99999999999999999999\n" + root + "\n", "o\n8\n" + root.substring(4) + "\n", "\n8\n" + root + "\n",
                "o\n8\n" + root + "\n\n", "o\n8\n" + root.replace("=", "") + "\n"}) {
            assertThatThrownBy(() -> Checkpoint.parse(bad)).as("%s", bad).isInstanceOf(InvalidNote.class);
        }
    }

    @Test
    void signedCheckpointsRoundTripWithTheirKeyOnly() {
        Checkpoint c = Checkpoint.of(KEY.name(), 8, ROOT);
        String note = SignedCheckpoints.sign(c, KEY);
        assertThat(note).startsWith(c.text() + "\n\u2014 regent.test/audit ");
        assertThat(SignedCheckpoints.open(note, KEY.verifier())).isEqualTo(c);
        // the note is deterministic for a fixed key, so a published checkpoint can be compared byte for byte
        assertThat(SignedCheckpoints.sign(c, KEY)).isEqualTo(note);

        SigningKey impostor = SigningKey.generate(KEY.name(), new java.security.SecureRandom());
        assertThatThrownBy(() -> SignedCheckpoints.open(SignedCheckpoints.sign(c, impostor), KEY.verifier()))
                .isInstanceOf(InvalidNote.class).hasMessageContaining("not signed by");
        String alteredRoot = note.replace(ROOT.base64(), Hash.ofHex("00".repeat(32)).base64());
        assertThatThrownBy(() -> SignedCheckpoints.open(alteredRoot, KEY.verifier())).isInstanceOf(InvalidNote.class);
        String extraLine = note.replace(ROOT.base64() + "\n", ROOT.base64() + "\nextra\n");
        assertThatThrownBy(() -> SignedCheckpoints.open(extraLine, KEY.verifier())).isInstanceOf(InvalidNote.class);
        assertThatThrownBy(() -> SignedCheckpoints.sign(Checkpoint.of("another/origin", 8, ROOT), KEY))
                .isInstanceOf(InvalidNote.class);
    }
}
