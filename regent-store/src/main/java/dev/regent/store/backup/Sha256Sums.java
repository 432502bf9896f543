package dev.regent.store.backup;

import dev.regent.core.error.RegentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup's manifest: one line per file, {@code <sha256 hex>  <relative path>}, exactly the format of coreutils'
 * {@code sha256sum}, so an operator can check a backup with {@code sha256sum -c SHA256SUMS} and no Regent at hand.
 * Paths are relative, '/'-separated and never leave the backup directory.
 */
public record Sha256Sums(List<Line> lines) {
    /** The manifest's file name inside a backup directory. */
    public static final String FILE_NAME = "SHA256SUMS";
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    /** One file of the backup and the SHA-256 of its bytes. */
    public record Line(String sha256, String path) {
        public Line {
            if (!SAFE_PATH.matcher(path).matches() || path.equals("..") || path.startsWith("../")
                    || path.contains("/../") || path.endsWith("/..") || path.startsWith("./") || path.contains("/./")) {
                throw new IllegalArgumentException("not a relative path inside the backup: " + path);
            }
        }
    }

    public Sha256Sums {
        lines = List.copyOf(lines);
    }

    /** The manifest as sha256sum prints it. */
    public String render() {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append(line.sha256()).append("  ").append(line.path()).append('\n');
        }
        return text.toString();
    }

    /** Reads {@code dir}/SHA256SUMS; a missing file means the backup was never completed. */
    public static Sha256Sums read(Path dir) throws IOException {
        List<Line> lines = new ArrayList<>();
        List<String> text;
        try {
            text = Files.readAllLines(dir.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw RegentException.invalid(dir + " holds no " + FILE_NAME + ": it is not a Regent backup, or the backup "
                    + "did not finish (the manifest is written last)");
        }
        int number = 0;
        for (String raw : text) {
            number++;
            if (raw.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) {
                throw RegentException.invalid(FILE_NAME + " line " + number + " is not '<sha256>  <path>'");
            }
            try {
                lines.add(new Line(m.group(1), m.group(2)));
            } catch (IllegalArgumentException e) {
                throw RegentException.invalid(FILE_NAME + " line " + number + ": " + e.getMessage());
            }
        }
        return new Sha256Sums(lines);
    }

    /** The files whose bytes are missing or differ from their line: empty when the whole backup is intact. */
    public List<String> problems(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Line line : lines) {
            Path file = dir.resolve(line.path());
            if (!Files.isRegularFile(file)) {
                problems.add(line.path() + " is missing");
            } else if (!sha256(file).equals(line.sha256())) {
                problems.add(line.path() + " does not match its SHA-256 in " + FILE_NAME);
            }
        }
        return problems;
    }

    /** The SHA-256 of a file's bytes, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
