package dev.regent.core.artifact;

/** What a stored artifact is: one file (its bytes are the blob), or a directory (its blob is the canonical manifest). */
public enum ArtifactKind {
    FILE, DIRECTORY;

    /** The lowercase wire name ("file", "directory"). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ArtifactKind parse(String text) {
        for (ArtifactKind k : values()) {
            if (k.wireName().equals(text)) {
                return k;
            }
        }
        throw dev.regent.core.error.RegentException.invalid("artifact kind must be 'file' or 'directory', got '"
                + Printable.of(String.valueOf(text)) + "'");
    }
}
