package dev.regent.core.model;

/**
 * Which characters a model name refuses, and how a refused name is shown in an error. The refused ones are those a
 * reader cannot see or that change how text around them is displayed (Unicode's control, format, surrogate,
 * private-use, unassigned and default-ignorable code points, and line separators), plus the three separators of
 * MLflow URIs and audit targets.
 */
final class NameCharacters {
    private NameCharacters() {
    }

    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** What is wrong with the character in a name, or null when a name may hold it. */
    static String refusal(int cp) {
        if (cp == '/' || cp == '@' || cp == '#') {
            return "'" + (char) cp + "' (it separates a model from its version, alias or stage in models:/ URIs)";
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
                return "the control character " + code(cp);
            case Character.FORMAT:
                return "the invisible or format character " + code(cp);
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return "the line or paragraph separator " + code(cp);
            case Character.SURROGATE:
                return "the unpaired surrogate " + code(cp);
            case Character.PRIVATE_USE:
                return "the private-use character " + code(cp);
            case Character.UNASSIGNED:
                return "the unassigned code point " + code(cp);
            default:
                return defaultIgnorable(cp) ? "the invisible or format character " + code(cp) : null;
        }
    }

    /**
     * Default-ignorable code points (Unicode's DerivedCoreProperties) that are not of the format category, so the
     * category check above misses them: they render as nothing, or as blank space wider than a space.
     */
    private static boolean defaultIgnorable(int cp) {
        return cp == 0x034F                         // combining grapheme joiner
                || cp == 0x115F || cp == 0x1160     // Hangul choseong and jungseong fillers
                || cp == 0x17B4 || cp == 0x17B5     // Khmer inherent vowels
                || (cp >= 0x180B && cp <= 0x180F)   // Mongolian free variation selectors and vowel separator
                || cp == 0x3164 || cp == 0xFFA0     // Hangul fillers
                || (cp >= 0xFE00 && cp <= 0xFE0F)   // variation selectors
                || (cp >= 0x2060 && cp <= 0x206F)   // word joiner, invisible operators, deprecated format controls
                || (cp >= 0xE0000 && cp <= 0xE0FFF); // tags and variation selectors supplement
    }

    private static String code(int cp) {
        return String.format("U+%04X", cp);
    }

    /** The name for an error message: refused characters as {@code \\uXXXX}, long names cut at 80 characters. */
    static String escaped(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        StringBuilder b = new StringBuilder(shown.length());
        shown.codePoints().forEach(cp -> {
            if (cp != '/' && cp != '@' && cp != '#' && refusal(cp) != null) {
                b.append(String.format(cp > 0xFFFF ? "\\U%08x" : "\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
