package dev.regent.core.audit.checkpoint;

import dev.regent.core.audit.merkle.Hash;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A log's tree head as a C2SP tlog-checkpoint note text: the origin line, the tree size in decimal, the base64
 * root hash, then optional non-empty extension lines (Regent writes none). {@link #parse} accepts exactly what
 * {@link #text} can produce.
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {
    public Checkpoint {
        Objects.requireNonNull(root, "root");
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new InvalidNote("a checkpoint's origin is one non-empty line");
        }
        if (size < 0) {
            throw new InvalidNote("a tree size is not negative");
        }
        extensions = List.copyOf(extensions == null ? List.of() : extensions);
        for (String e : extensions) {
            if (e.isEmpty() || e.contains("\n")) {
                throw new InvalidNote("extension lines are single non-empty lines");
            }
        }
    }

    /** A checkpoint without extension lines. */
    public static Checkpoint of(String origin, long size, Hash root) {
        return new Checkpoint(origin, size, root, List.of());
    }

    /** The note text: one line per part, each ending in a newline. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(origin).append('\n').append(size).append('\n').append(root.base64()).append('\n');
        extensions.forEach(e -> out.append(e).append('\n'));
        return out.toString();
    }

    /** Parses a note text; throws {@link InvalidNote} on missing or empty lines, a non-canonical size or root. */
    public static Checkpoint parse(String text) {
        if (!text.endsWith("\n")) {
            throw new InvalidNote("a checkpoint ends with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new InvalidNote("a checkpoint has an origin, a size and a root line; got " + lines.length + " lines");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new InvalidNote("the tree size '" + lines[1] + "' is not a decimal number without leading zeros");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new InvalidNote("the tree size '" + lines[1] + "' is too large");
        }
        Hash root;
        try {
            root = Hash.ofBase64(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidNote("the root '" + lines[2] + "' is not a base64 SHA-256 hash");
        }
        if (!root.base64().equals(lines[2])) {
            throw new InvalidNote("the root '" + lines[2] + "' is not in canonical base64");
        }
        return new Checkpoint(lines[0], size, root, List.of(lines).subList(3, lines.length));
    }
}
