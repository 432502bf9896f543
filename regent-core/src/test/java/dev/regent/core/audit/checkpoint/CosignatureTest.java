package dev.regent.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The C2SP tlog-cosignature v1 line and key formats. */
class CosignatureTest {
    private static final String CHECKPOINT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void theSpecsExampleLineParsesToItsKeyIdAndTimestamp() {
        // the example of c2sp.org/tlog-cosignature: its timestamp is the "time 1679315147" of the spec's signed message
        String line = "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZ"
                + "qhf5nNo0xUe+mbIUBkBIfZ+qnA==";
        Cosignature c = Cosignature.parseLine(line);
        assertThat(c.witness()).isEqualTo("witness.example.com/w1");
        assertThat(c.keyId()).isEqualTo(0x8d66cf3f);
        assertThat(c.timestamp()).isEqualTo(1679315147L);
        assertThat(c.line()).isEqualTo(line);
        assertThat(Cosignature.message(CHECKPOINT, 1679315147L))
                .isEqualTo("cosignature/v1\ntime 1679315147\n" + CHECKPOINT);
    }

    @Test
    void aCosignatureVerifiesOnlyOverItsCheckpointAndTimestampUnderItsKey() {
        CosigningKey key = CosigningKey.fromSeed("w.example/1", seed(1));
        Cosignature c = key.cosign(CHECKPOINT, 1700000000L);
        WitnessKey witness = WitnessKey.parse(key.witness().toString());
        assertThat(c.verifies(witness, CHECKPOINT)).isTrue();
        assertThat(Cosignature.parseLine(c.line())).isEqualTo(c);
        assertThat(c.verifies(witness, CHECKPOINT.replace("20852163", "20852164"))).isFalse();
        assertThat(new Cosignature(c.witness(), c.keyId(), 1700000001L, c.signature()).verifies(witness, CHECKPOINT)).isFalse();
        assertThat(c.verifies(CosigningKey.fromSeed("w.example/1", seed(2)).witness(), CHECKPOINT)).isFalse();
        // the key ID commits to the cosignature type: 0x04, not the 0x01 of a log's key with the same name and key
        assertThat(witness.keyId()).isEqualTo(KeyNames.keyId("w.example/1", (byte) 4, raw(witness)))
                .isNotEqualTo(KeyNames.keyId("w.example/1", raw(witness)));
    }

    @Test
    void malformedLinesAndKeysAreRefused() {
        CosigningKey key = CosigningKey.fromSeed("w.example/1", seed(1));
        String blob = key.cosign(CHECKPOINT, 1).line().split(" ")[2];
        assertThatThrownBy(() -> Cosignature.parseLine("- w " + blob)).isInstanceOf(InvalidNote.class);
        assertThatThrownBy(() -> Cosignature.parseLine("\u2014 w " + blob.substring(4))).isInstanceOf(InvalidNote.class);
        assertThatThrownBy(() -> Cosignature.parseLine("\u2014 w !!")).isInstanceOf(InvalidNote.class);
        assertThatThrownBy(() -> Cosignature.parseLine("\u2014 w x " + blob)).isInstanceOf(InvalidNote.class);
        SigningKey log = SigningKey.fromSeed("log.example", seed(3));
        assertThatThrownBy(() -> WitnessKey.parse(log.verifier().toString())).hasMessageContaining("type 0x01");
        String k = key.witness().toString();
        assertThatThrownBy(() -> WitnessKey.parse(k.replace("+" + key.witness().keyIdHex() + "+", "+00000000+")))
                .hasMessageContaining("hashes to");
    }

    private static byte[] raw(WitnessKey w) {
        byte[] typed = Base64.getDecoder().decode(w.toString().split("\\+", 3)[2]);
        return Arrays.copyOfRange(typed, 1, typed.length);
    }

    private static byte[] seed(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        return seed;
    }
}
