package dev.regent.cli.artifact;

import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.artifact.ArtifactManifest;
import dev.regent.core.artifact.ArtifactPath;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.registry.RegistrySession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Uploads a local file or directory into the registry's blob store through a session (in-process or over the API):
 * a file as one blob; a directory as each of its files, then the canonical manifest built from the digests the
 * store returned (so what is registered is exactly what was stored, even if a file changes meanwhile).
 */
public final class ArtifactUpload {
    /** What was stored: the version's digest and whether it names a file or a manifest. */
    public record Stored(ArtifactKind kind, Digest digest, int files) {
    }

    private final Path path;
    private final SortedMap<String, Path> files;

    private ArtifactUpload(Path path, SortedMap<String, Path> files) {
        this.path = path;
        this.files = files;
    }

    /** Checks what would be uploaded before anything is: it exists, no links, every file name a safe artifact path. */
    public static ArtifactUpload of(Path path) {
        if (Files.isSymbolicLink(path)) {
            throw RegentException.invalid(path + " is a symbolic link; give the file or directory it points to");
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return new ArtifactUpload(path, null);
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw RegentException.invalid("artifact " + path + " does not exist or is not a regular file or directory");
        }
        SortedMap<String, Path> files = ArtifactDigest.files(path);
        if (files.isEmpty()) {
            throw RegentException.invalid("artifact directory " + path + " has no files");
        }
        files.keySet().forEach(ArtifactPath::of);
        return new ArtifactUpload(path, files);
    }

    public ArtifactKind kind() {
        return files == null ? ArtifactKind.FILE : ArtifactKind.DIRECTORY;
    }

    /** Streams the artifact into the registry's blob store under {@code model}. */
    public Stored store(RegistrySession registry, ModelName model, Progress progress) {
        if (files == null) {
            return new Stored(ArtifactKind.FILE, put(registry, model, path, path.getFileName().toString(), progress, new long[1]), 1);
        }
        List<ArtifactManifest.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            long[] counted = new long[1];
            Digest digest = put(registry, model, file.getValue(), file.getKey(), progress, counted);
            entries.add(new ArtifactManifest.Entry(file.getKey(), digest, counted[0]));
        }
        byte[] manifest = ArtifactManifest.of(entries).bytes();
        Digest digest = registry.storeBlob(model, new ByteArrayInputStream(manifest), manifest.length);
        return new Stored(ArtifactKind.DIRECTORY, digest, entries.size());
    }

    /** Stores one file; {@code counted[0]} receives the bytes actually sent (the manifest's size is what was stored). */
    private static Digest put(RegistrySession registry, ModelName model, Path file, String name, Progress progress,
                              long[] counted) {
        long size = size(file);
        try (InputStream in = progress.track(new java.io.FilterInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    counted[0] += n;
                }
                return n;
            }
        }, name, size)) {
            return registry.storeBlob(model, in, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
