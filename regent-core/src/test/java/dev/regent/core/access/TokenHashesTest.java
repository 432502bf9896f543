package dev.regent.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenHashesTest {
    @Test
    void aRememberedSecretAndEveryOtherSecretHashAsTheirStoredForm() {
        Random random = new Random(7);
        String first = TokenSecret.generate(random);
        String second = TokenSecret.generate(random);
        assertEquals(TokenSecret.hash(first), TokenHashes.of(first));
        assertEquals(TokenSecret.hash(first), TokenHashes.of(first)); // remembered
        // another secret on the same thread, then the first again: never the remembered digest of another secret
        assertEquals(TokenSecret.hash(second), TokenHashes.of(second));
        assertNotEquals(TokenHashes.of(first), TokenHashes.of(second));
        assertEquals(TokenSecret.hash(first), TokenHashes.of(first));
        // one character apart (same length, so the comparison runs over every byte)
        String near = first.substring(0, first.length() - 1) + (first.endsWith("A") ? "B" : "A");
        assertEquals(TokenSecret.hash(near), TokenHashes.of(near));
        assertNotEquals(TokenHashes.of(first), TokenHashes.of(near));
    }
}
