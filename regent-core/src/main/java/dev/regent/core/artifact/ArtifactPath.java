package dev.regent.core.artifact;

import dev.regent.core.error.RegentException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * A relative path inside a directory artifact (a manifest entry, an upload name, a download path), checked against
 * traversal before anything uses it: no absolute paths or drive letters, no backslashes, no NUL or other control
 * characters, no ';' or '#' (path-parameter and fragment tricks such as {@code ..;/}), no empty, '.' or '..'
 * segments — each rule applied to the text as given, after repeated percent-decoding, and after Unicode NFKC
 * folding (so {@code %252e%252e} and fullwidth dots are caught too).
 */
public record ArtifactPath(String value) implements Comparable<ArtifactPath> {
    public static final int MAX_LENGTH = 4096;
    private static final int MAX_DECODE_ROUNDS = 10;

    public ArtifactPath {
        if (value == null || value.isEmpty()) {
            throw RegentException.invalid("artifact path is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw RegentException.invalid("artifact path is longer than " + MAX_LENGTH + " characters");
        }
        check(value, value);
        String decoded = fullyDecoded(value);
        if (!decoded.equals(value)) {
            check(value, decoded);
        }
        String folded = Normalizer.normalize(decoded, Normalizer.Form.NFKC);
        if (!folded.equals(decoded)) {
            check(value, folded);
        }
    }

    public static ArtifactPath of(String value) {
        return new ArtifactPath(value);
    }

    private static void check(String raw, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw refused(raw, "contains a NUL character");
            }
            if (c < 0x20 || c == 0x7f) {
                throw refused(raw, "contains a control character (code " + (int) c + ")");
            }
            if (c == '\\') {
                throw refused(raw, "contains a backslash; use '/' as the separator");
            }
            if (c == ';' || c == '#') {
                throw refused(raw, "contains '" + c + "', which servers and tools read as a path parameter or fragment");
            }
        }
        if (text.startsWith("/")) {
            throw refused(raw, "is absolute; give a path relative to the artifact directory");
        }
        if (text.length() >= 2 && Character.isLetter(text.charAt(0)) && text.charAt(1) == ':') {
            throw refused(raw, "starts with a drive letter");
        }
        for (String segment : text.split("/", -1)) {
            if (segment.isEmpty()) {
                throw refused(raw, "has an empty segment (a leading, doubled or trailing '/')");
            }
            if (segment.equals("..")) {
                throw refused(raw, "contains a '..' segment (path traversal)");
            }
            if (segment.equals(".")) {
                throw refused(raw, "contains a '.' segment");
            }
        }
    }

    private static RegentException refused(String raw, String why) {
        return RegentException.invalid("artifact path '" + Printable.of(raw) + "' " + why);
    }

    /** Percent-decodes until nothing changes (well-formed %XX triplets only, '+' kept). */
    static String fullyDecoded(String text) {
        String current = text;
        for (int round = 0; round < MAX_DECODE_ROUNDS; round++) {
            String next = decodeOnce(current);
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        throw RegentException.invalid("artifact path '" + Printable.of(text) + "' is percent-encoded more than "
                + MAX_DECODE_ROUNDS + " times over");
    }

    private static String decodeOnce(String text) {
        StringBuilder out = new StringBuilder(text.length());
        byte[] pending = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                pending[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
                i += 2;
                continue;
            }
            if (n > 0) {
                out.append(new String(pending, 0, n, StandardCharsets.UTF_8));
                n = 0;
            }
            out.append(c);
        }
        if (n > 0) {
            out.append(new String(pending, 0, n, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** Canonical manifest order: the UTF-8 bytes, unsigned. */
    @Override
    public int compareTo(ArtifactPath other) {
        return ArtifactManifest.compareUtf8(value, other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
