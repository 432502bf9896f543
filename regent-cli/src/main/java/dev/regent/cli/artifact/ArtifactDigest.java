package dev.regent.cli.artifact;

import dev.regent.core.artifact.ArtifactManifest;
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
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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

    /** The canonical manifest text of a directory (the format lives in core's {@link ArtifactManifest}). */
    public static String manifest(Path dir) {
        List<ArtifactManifest.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Path> file : files(dir).entrySet()) {
            try {
                entries.add(new ArtifactManifest.Entry(file.getKey(), Digest.ofSha256(sha256(file.getValue())),
                        Files.size(file.getValue())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.getValue(), e);
            }
        }
        return ArtifactManifest.format(entries);
    }

    /**
     * The regular files of a directory by relative path ('/' separated), in canonical order. Symbolic links and
     * special files are refused, so whatever is read is really inside the directory.
     */
    public static SortedMap<String, Path> files(Path dir) {
        SortedMap<String, Path> files = new TreeMap<>(ArtifactManifest::compareUtf8);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(dir) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw RegentException.invalid("artifact directory contains " + dir.relativize(p)
                            + ", which is not a regular file (symbolic links and special files are refused)");
                }
                // joined by name elements, not by replacing '\\': on Linux a backslash is part of a name, kept (and refused on upload)
                StringBuilder relative = new StringBuilder();
                for (Path name : dir.relativize(p)) {
                    relative.append(relative.length() == 0 ? "" : "/").append(name);
                }
                files.put(relative.toString(), p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact directory " + dir, e);
        }
        return files;
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
