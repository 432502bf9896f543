package dev.regent.core.artifact;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The canonical manifest of a directory artifact (docs/artifact-digest.md, version 1): one line per regular file,
 * {@code <sha256-hex> SP <size> SP <relative/path> LF}, sorted by the path's UTF-8 bytes. The directory's digest is
 * the SHA-256 of this text. {@link #format} builds the text from any entries (digest computation of a local
 * directory); {@link #of} and {@link #parse} also require every path to be a safe {@link ArtifactPath} (anything
 * the registry stores or serves).
 */
public final class ArtifactManifest {
    public static final int MAX_ENTRIES = 100_000;
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) (0|[1-9][0-9]{0,18}) (.+)", Pattern.DOTALL);

    /** One file of the directory. */
    public record Entry(String path, Digest digest, long size) {
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(digest, "digest");
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative");
            }
        }
    }

    private final List<Entry> entries;

    private ArtifactManifest(List<Entry> sorted) {
        this.entries = Collections.unmodifiableList(sorted);
    }

    /** The canonical text of these entries, sorted; paths are not checked (a local digest covers whatever is there). */
    public static String format(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> compareUtf8(a.path(), b.path()));
        StringBuilder text = new StringBuilder();
        for (Entry e : sorted) {
            if (e.path().indexOf('\n') >= 0) {
                throw RegentException.invalid("file name " + Printable.of(e.path()) + " contains a newline, which a "
                        + "manifest cannot represent");
            }
            text.append(e.digest().hex()).append(' ').append(e.size()).append(' ').append(e.path()).append('\n');
        }
        return text.toString();
    }

    /** A manifest of these entries for the registry to store: every path checked, no duplicates, no file under a file. */
    public static ArtifactManifest of(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> compareUtf8(a.path(), b.path()));
        checkEntries(sorted);
        return new ArtifactManifest(sorted);
    }

    /** Parses stored or uploaded manifest text strictly: canonical form only, with the line that is wrong named. */
    public static ArtifactManifest parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw RegentException.invalid("manifest is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw RegentException.invalid("manifest is not valid UTF-8");
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw RegentException.invalid("manifest does not end with a newline (every line ends with LF)");
        }
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.isEmpty() ? new String[0] : text.substring(0, text.length() - 1).split("\n", -1)) {
            lineNo++;
            if (entries.size() >= MAX_ENTRIES) {
                throw RegentException.invalid("manifest has more than " + MAX_ENTRIES + " entries");
            }
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw RegentException.invalid("manifest line " + lineNo + " is not '<sha256 hex> <size> <path>': '"
                        + Printable.of(line.length() > 200 ? line.substring(0, 200) + "…" : line) + "'");
            }
            long size;
            try {
                size = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw RegentException.invalid("manifest line " + lineNo + " has a size out of range");
            }
            try {
                ArtifactPath.of(m.group(3));
            } catch (RegentException e) {
                throw RegentException.invalid("manifest line " + lineNo + ": " + e.getMessage());
            }
            entries.add(new Entry(m.group(3), new Digest("sha256:" + m.group(1)), size));
        }
        for (int i = 1; i < entries.size(); i++) {
            if (compareUtf8(entries.get(i - 1).path(), entries.get(i).path()) >= 0) {
                throw RegentException.invalid("manifest line " + (i + 1) + " ('" + Printable.of(entries.get(i).path())
                        + "') is not in canonical order (sorted by UTF-8 bytes, no duplicates)");
            }
        }
        checkEntries(entries);
        return new ArtifactManifest(entries);
    }

    private static void checkEntries(List<Entry> sorted) {
        if (sorted.size() > MAX_ENTRIES) {
            throw RegentException.invalid("a directory artifact has at most " + MAX_ENTRIES + " files");
        }
        for (int i = 0; i < sorted.size(); i++) {
            String path = sorted.get(i).path();
            ArtifactPath.of(path);
            if (i > 0) {
                String previous = sorted.get(i - 1).path();
                if (previous.equals(path)) {
                    throw RegentException.invalid("manifest lists '" + Printable.of(path) + "' twice");
                }
                if (path.startsWith(previous + "/")) {
                    throw RegentException.invalid("manifest lists '" + Printable.of(previous)
                            + "' as a file and as a directory of '" + Printable.of(path) + "'");
                }
            }
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry for a path, if listed. */
    public Optional<Entry> find(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /** The canonical text. */
    public String text() {
        return format(entries);
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** The directory's digest: the SHA-256 of the canonical text. */
    public Digest digest() {
        return Digest.sha256Of(bytes());
    }

    /** Unsigned comparison of UTF-8 bytes (the order {@code LC_ALL=C sort} uses). */
    public static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
