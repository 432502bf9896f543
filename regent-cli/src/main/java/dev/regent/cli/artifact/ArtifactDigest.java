package dev.regent.cli.artifact;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Computes an artifact's digest: a file's SHA-256, or for a directory the SHA-256 of its canonical manifest
 * (docs/artifact-digest.md): one line per regular file, "sha256-hex SP size SP relative/path LF", sorted by the
 * path's UTF-8 bytes, '/' as separator. Symbolic links are refused, so a digest always covers the bytes it names.
 */
public final class ArtifactDigest {
    private static final int BUFFER = 1 << 16;

    private ArtifactDigest() {
    }

    public static Digest of(Path path) {
        if (Files.isSymbolicLink(path)) {
            throw RegentException.invalid(path + " is a symbolic link; give the file or directory it points to");
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Digest.ofSha256(sha256(path));
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return Digest.sha256Of(manifest(path).getBytes(StandardCharsets.UTF_8));
        }
        throw RegentException.invalid("artifact " + path + " does not exist or is not a regular file or directory");
    }

    /** The canonical manifest text of a directory. */
    public static String manifest(Path dir) {
        List<String[]> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(dir) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw RegentException.invalid("artifact directory contains " + dir.relativize(p)
                            + ", which is not a regular file (symbolic links and special files are refused)");
                }
                String relative = dir.relativize(p).toString().replace('\\', '/');
                entries.add(new String[] {relative, HexFormat.of().formatHex(sha256(p)), Long.toString(Files.size(p))});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact directory " + dir, e);
        }
        entries.sort((a, b) -> compareUtf8(a[0], b[0]));
        StringBuilder manifest = new StringBuilder();
        for (String[] e : entries) {
            manifest.append(e[1]).append(' ').append(e[2]).append(' ').append(e[0]).append('\n');
        }
        return manifest.toString();
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(Path file) {
        MessageDigest md = Digest.newSha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return md.digest();
    }
}
