package dev.regent.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Signed notes against the reference examples of Go's sumdb/note and the C2SP spec, and against malformed notes. */
class SignedNoteTest {
    // golang.org/x/mod/sumdb/note's documented example key, text and signed note (facts: Ed25519 is deterministic)
    static final String GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    // the C2SP signed-note example verifier key and note
    static final String SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    static final String SPEC_NOTE = "This is an example message.\n\n\u2014 example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    @Test
    void signingReproducesTheReferenceNoteByteForByte() {
        SigningKey key = SigningKey.parse(GO_SKEY);
        assertThat(key.verifier().toString()).isEqualTo(GO_VKEY);
        assertThat(key.encode()).isEqualTo(GO_SKEY);
        assertThat(SignedNote.sign(GO_TEXT, key)).isEqualTo(GO_NOTE);
        assertThat(key.toString()).doesNotContain("AYEKFALV");
    }

    @Test
    void referenceNotesOpen() {
        assertThat(SignedNote.open(GO_NOTE, VerifierKey.parse(GO_VKEY))).isEqualTo(GO_TEXT);
        assertThat(SignedNote.open(SPEC_NOTE, VerifierKey.parse(SPEC_VKEY))).isEqualTo("This is an example message.\n");
    }

    @Test
    void verifierKeysAreCheckedWhenParsed() {
        VerifierKey key = VerifierKey.parse(GO_VKEY);
        assertThat(key.name()).isEqualTo("PeterNeumann");
        assertThat(key.keyIdHex()).isEqualTo("c74f20a3");
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(InvalidNote.class).hasMessageContaining("hashes to c74f20a3");
        assertThatThrownBy(() -> VerifierKey.parse("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(InvalidNote.class);
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(InvalidNote.class);
        assertThatThrownBy(() -> VerifierKey.parse("PeterNeumann+c74f20a3")).isInstanceOf(InvalidNote.class);
    }

    @Test
    void anotherKeyOrAnAlteredNoteIsRefused() {
        VerifierKey other = SigningKey.generate("PeterNeumann", new SecureRandom()).verifier();
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE, other)).isInstanceOf(InvalidNote.class)
                .hasMessageContaining("not signed by");
        VerifierKey right = VerifierKey.parse(GO_VKEY);
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE.replace("problem,", "problem;"), right))
                .isInstanceOf(InvalidNote.class).hasMessageContaining("does not verify");
    }

    @Test
    void malformedNotesAreRefused() {
        VerifierKey key = VerifierKey.parse(GO_VKEY);
        String sigLine = GO_NOTE.substring(GO_TEXT.length() + 1);
        for (String bad : new String[] {
                GO_TEXT + sigLine,                                  // no blank line
                GO_NOTE.substring(0, GO_NOTE.length() - 1),          // no final newline
                GO_NOTE + "trailing line\n",                          // a line after the signatures
                GO_NOTE + "\n",                                       // a blank line after the signatures
                GO_TEXT + "\n" + sigLine.replace("\u2014 ", "-- "),   // not an em dash
                GO_TEXT + "\n" + sigLine.replace(" x08", "  x08"),     // two spaces
                GO_TEXT + "\n" + sigLine.replace("x08go", "x08g!"),   // not base64
                GO_TEXT.replace("answer", "ans\u0007wer") + "\n" + sigLine, // a control character
                GO_TEXT + "\n",                                       // no signatures at all
        }) {
            assertThatThrownBy(() -> SignedNote.open(bad, key)).as("%s", bad).isInstanceOf(InvalidNote.class);
        }
    }

    @Test
    void unknownSignaturesAreIgnoredButOneOfOursMustVerify() {
        SigningKey witness = SigningKey.generate("witness.example/w1", new SecureRandom());
        String cosigned = GO_NOTE + SignedNote.sign(GO_TEXT, witness).substring(GO_TEXT.length() + 1);
        assertThat(SignedNote.open(cosigned, VerifierKey.parse(GO_VKEY))).isEqualTo(GO_TEXT);
        assertThat(SignedNote.open(cosigned, witness.verifier())).isEqualTo(GO_TEXT);
    }
}
