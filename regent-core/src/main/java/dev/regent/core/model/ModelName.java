package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.text.Normalizer;

/**
 * The name of a registered model, as MLflow has them: any visible text, case kept and compared exactly, stored in
 * Unicode NFC. The limits are what a governed registry needs: 1-256 characters; nothing a person cannot see
 * (control, format and other default-ignorable characters, which could make two different names look identical or
 * reorder how one is displayed); no leading or trailing whitespace; and none of '/', '@', '#', which separate a
 * model from its version, alias and stage in MLflow URIs ({@code models:/name@alias}) and audit targets. Two names
 * with the same {@link #key()} are look-alikes: the registry keeps at most one of them live.
 */
public record ModelName(String value) implements Comparable<ModelName> {
    /** The most characters (Unicode code points, after NFC) a name may have. */
    public static final int MAX_LENGTH = 256;
    static final String RULE = "a model name is 1-256 characters: letters, digits, spaces and punctuation of any "
            + "script, except '/', '@' and '#', with no control or invisible characters and no leading or trailing "
            + "whitespace";

    public ModelName {
        if (value == null) {
            throw refuse("null", "it must not be empty");
        }
        value = Normalizer.normalize(value, Normalizer.Form.NFC);
        String problem = problem(value);
        if (problem != null) {
            throw refuse(value, problem);
        }
    }

    public static ModelName of(String value) {
        return new ModelName(value);
    }

    /** The key that look-alike names share (see {@link NameKey}): unique among live models, matched by policy globs. */
    public String key() {
        return NameKey.of(value);
    }

    /** Code point order, which is the order of UTF-8 bytes: both databases sort names (and page through them) so. */
    @Override
    public int compareTo(ModelName o) {
        return compareCodePoints(value, o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static String problem(String value) {
        if (value.isEmpty()) {
            return "it must not be empty";
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            return "it is " + length + " characters long; the limit is " + MAX_LENGTH;
        }
        int first = value.codePointAt(0);
        int last = value.codePointBefore(value.length());
        if (NameCharacters.isSpace(first) || NameCharacters.isSpace(last)) {
            return "it has leading or trailing whitespace";
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            String refused = NameCharacters.refusal(cp);
            if (refused != null) {
                return "it contains " + refused + " at position " + value.codePointCount(0, i);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static RegentException refuse(String value, String problem) {
        return RegentException.invalid("invalid model name '" + NameCharacters.escaped(value) + "': " + problem + "; " + RULE);
    }
}
