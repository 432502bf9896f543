package dev.regent.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.TreeHasher;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chain of a log's signing keys, followed from whichever key the verifier trusts; and what it refuses. */
class KeyChainTest {
    private static final String LOG = "example.com/log";
    private final Random seeds = new Random(7);
    private final SigningKey a = key(LOG);
    private final SigningKey b = key(LOG);
    private final SigningKey c = key(LOG);
    private final SigningKey mallory = key(LOG);

    private SigningKey key(String name) {
        byte[] seed = new byte[32];
        seeds.nextBytes(seed);
        return SigningKey.fromSeed(name, seed);
    }

    private static Hash root(long size) {
        return TreeHasher.leaf(new byte[] {(byte) size});
    }

    private static String handOver(long size, SigningKey from, SigningKey to) {
        return new KeyTransition(LOG, size, root(size), from.verifier(), to.verifier()).sign(from, to);
    }

    private static String checkpoint(long size, SigningKey by) {
        return SignedCheckpoints.sign(Checkpoint.of(LOG, size, root(size)), by);
    }

    @Test
    void eachKeySpeaksForItsEpochWhicheverKeyTheVerifierTrusts() {
        List<String> transitions = List.of(handOver(20, b, c), handOver(10, a, b)); // any order
        for (SigningKey anchor : List.of(a, b, c)) {
            KeyChain chain = KeyChain.of(anchor.verifier(), transitions);
            assertThat(chain.epochs()).extracting(KeyChain.Epoch::key).containsExactly(a.verifier(), b.verifier(), c.verifier());
            assertThat(chain.current()).isEqualTo(c.verifier());
            assertThat(chain.open(checkpoint(5, a)).size()).isEqualTo(5);
            assertThat(chain.open(checkpoint(10, a)).size()).isEqualTo(10);
            assertThat(chain.open(checkpoint(10, b)).size()).as("at the hand-over, either key").isEqualTo(10);
            assertThat(chain.open(checkpoint(15, b)).size()).isEqualTo(15);
            assertThat(chain.open(checkpoint(99, c)).size()).isEqualTo(99);
        }
    }

    @Test
    void aRetiredKeySigningPastItsHandOverIsRefused() {
        KeyChain chain = KeyChain.of(a.verifier(), List.of(handOver(10, a, b)));
        assertThatThrownBy(() -> chain.open(checkpoint(11, a))).isInstanceOf(InvalidNote.class)
                .hasMessageContaining("signed by key " + a.verifier().keyIdHex()).hasMessageContaining("retired");
        assertThatThrownBy(() -> chain.open(checkpoint(9, b))).as("the new key does not speak for the old key's trees")
                .isInstanceOf(InvalidNote.class);
    }

    @Test
    void aKeyNoTransitionIntroducedIsRefused() {
        KeyChain chain = KeyChain.of(a.verifier(), List.of(handOver(10, a, b)));
        assertThatThrownBy(() -> chain.open(checkpoint(12, mallory))).isInstanceOf(InvalidNote.class)
                .hasMessageContaining("not signed by");
        // trusting a stray key does not link it to the log's chain
        assertThatThrownBy(() -> KeyChain.of(mallory.verifier(), List.of(handOver(10, a, b))))
                .isInstanceOf(InvalidNote.class).hasMessageContaining("not linked");
    }

    @Test
    void aTransitionTheOldKeyDidNotSignIsFollowedOnlyBackwardsFromTheNewKey() {
        String unendorsed = new KeyTransition(LOG, 10, root(10), a.verifier(), mallory.verifier()).signWithoutOldKey(mallory);
        assertThatThrownBy(() -> KeyChain.of(a.verifier(), List.of(unendorsed))).isInstanceOf(InvalidNote.class)
                .hasMessageContaining("is not signed by key " + a.verifier()).hasMessageContaining("out of band");
        assertThat(KeyChain.of(mallory.verifier(), List.of(unendorsed)).current()).isEqualTo(mallory.verifier());
        // and a note the new key did not sign does not open at all (nobody took over)
        String oldOnly = SignedNote.sign(new KeyTransition(LOG, 10, root(10), a.verifier(), b.verifier()).text(), a);
        assertThatThrownBy(() -> KeyChain.of(a.verifier(), List.of(oldOnly))).isInstanceOf(InvalidNote.class);
    }

    @Test
    void aForkedOrLoopingOrShrinkingChainIsRefused() {
        assertThatThrownBy(() -> KeyChain.of(a.verifier(), List.of(handOver(10, a, b), handOver(12, a, mallory))))
                .isInstanceOf(InvalidNote.class).hasMessageContaining("handed over twice");
        assertThatThrownBy(() -> KeyChain.of(a.verifier(), List.of(handOver(10, a, b), handOver(20, b, a))))
                .isInstanceOf(InvalidNote.class);
        assertThatThrownBy(() -> KeyChain.of(a.verifier(), List.of(handOver(20, a, b), handOver(10, b, c))))
                .isInstanceOf(InvalidNote.class).hasMessageContaining("not after its predecessor");
    }

    @Test
    void aTamperedTransitionOrOneOfAnotherLogIsRefused() {
        String note = handOver(10, a, b);
        String moved = note.replaceFirst("\n10\n", "\n8\n");
        assertThatThrownBy(() -> KeyChain.of(a.verifier(), List.of(moved))).isInstanceOf(InvalidNote.class)
                .hasMessageContaining("does not open");
        SigningKey otherA = key("other.example/log");
        SigningKey otherB = key("other.example/log");
        String other = new KeyTransition("other.example/log", 3, root(3), otherA.verifier(), otherB.verifier())
                .sign(otherA, otherB);
        assertThatThrownBy(() -> KeyChain.of(a.verifier(), List.of(other))).isInstanceOf(InvalidNote.class)
                .hasMessageContaining("another log");
    }

    @Test
    void aTransitionNeverReadsAsACheckpointNorTheReverse() {
        String note = handOver(10, a, b);
        assertThatThrownBy(() -> SignedCheckpoints.open(note, a.verifier())).isInstanceOf(InvalidNote.class);
        assertThatThrownBy(() -> KeyTransition.open(checkpoint(10, a))).isInstanceOf(InvalidNote.class);
        assertThat(KeyTransition.parse(new KeyTransition(LOG, 10, root(10), a.verifier(), b.verifier()).text()).size())
                .isEqualTo(10);
        assertThatThrownBy(() -> new KeyTransition(LOG, 10, root(10), a.verifier(), a.verifier()))
                .isInstanceOf(InvalidNote.class);
        assertThatThrownBy(() -> new KeyTransition(LOG, 10, root(10), a.verifier(), key("renamed/log").verifier()))
                .isInstanceOf(InvalidNote.class).hasMessageContaining("keeps the log's origin");
    }
}
