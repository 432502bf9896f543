package dev.regent.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.store.StoreFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {
    static final long LIMIT = 1 << 20;

    @TempDir
    Path dataDir;
    FileBlobStore blobs;

    @BeforeEach
    void open() {
        blobs = StoreFactory.blobs(dataDir);
    }

    static InputStream bytes(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Every regular file under the root, relative to it. */
    List<String> files() throws IOException {
        if (!Files.exists(blobs.root())) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(blobs.root())) {
            return walk.filter(Files::isRegularFile).map(p -> blobs.root().relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void putThenOpenReturnsTheSameBytesUnderTheirDigest() throws IOException {
        byte[] content = random(200_000, 1);
        Digest digest = blobs.put(bytes(content), LIMIT);
        assertThat(digest).isEqualTo(Digest.sha256Of(content));
        assertThat(blobs.contains(digest)).isTrue();
        try (InputStream in = blobs.open(digest).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        String hex = digest.hex();
        assertThat(blobs.root()).isEqualTo(dataDir.resolve("blobs").toAbsolutePath().normalize());
        assertThat(files()).containsExactly("sha256/" + hex.substring(0, 2) + "/" + hex.substring(2));
        assertThat(blobs.verify(digest)).isTrue();
    }

    @Test
    void emptyContentAndContentExactlyAtTheLimitAreStored() throws IOException {
        Digest empty = blobs.put(bytes(new byte[0]), 0);
        assertThat(empty).isEqualTo(Digest.sha256Of(new byte[0]));
        byte[] exact = random(4096, 2);
        Digest d = blobs.put(bytes(exact), exact.length);
        try (InputStream in = blobs.open(d).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(exact);
        }
    }

    @Test
    void theSameContentTwiceIsOneFileAndIsNeverRewritten() throws IOException {
        byte[] content = "same bytes ☃".getBytes(StandardCharsets.UTF_8);
        Digest first = blobs.put(bytes(content), LIMIT);
        Path file = blobs.path(first);
        var inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Digest second = blobs.put(bytes(content), LIMIT);
        assertThat(second).isEqualTo(first);
        assertThat(files()).hasSize(1);
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);
    }

    @Test
    void contentOverTheLimitIsRefusedAndLeavesNoFileBehind() throws IOException {
        blobs.put(bytes(new byte[] {1}), LIMIT); // the directories exist, so leftovers would show
        List<String> before = files();
        byte[] content = random(10_001, 3);
        assertThatThrownBy(() -> blobs.put(bytes(content), 10_000))
                .isInstanceOf(RegentException.class)
                .hasMessageContaining("exceeds the limit of 10000 bytes")
                .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(files()).isEqualTo(before);
        assertThat(blobs.contains(Digest.sha256Of(content))).isFalse();
        try (Stream<Path> tmp = Files.list(blobs.root().resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void aFailingStreamLeavesNoTemporaryFile() throws IOException {
        InputStream broken = new InputStream() {
            int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        assertThatThrownBy(() -> blobs.put(broken, LIMIT)).isInstanceOf(RegentException.class)
                .hasMessageContaining("connection reset");
        assertThat(files()).isEmpty();
    }

    @Test
    void filesAre0600AndDirectories0700() throws IOException {
        Assumptions.assumeTrue(dataDir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions are not supported here");
        Digest d = blobs.put(bytes(random(10, 4)), LIMIT);
        Path file = blobs.path(d);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        for (Path dir : List.of(blobs.root(), blobs.root().resolve("sha256"), file.getParent(), blobs.root().resolve("tmp"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as(dir.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void concurrentPutsOfTheSameContentAllSucceedWithOneFile() throws Exception {
        byte[] content = random(300_000, 5);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Digest>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Digest> put = () -> {
                    start.await();
                    return blobs.put(bytes(content), LIMIT);
                };
                results.add(pool.submit(put));
            }
            start.countDown();
            for (Future<Digest> r : results) {
                assertThat(r.get()).isEqualTo(Digest.sha256Of(content));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(files()).hasSize(1);
        assertThat(blobs.verify(Digest.sha256Of(content))).isTrue();
    }

    @Test
    void digestsShapedLikePathsCannotBeMadeAndAbsentContentIsEmpty() {
        for (String bad : List.of("sha256:../../../../etc/passwd", "sha256:" + "a".repeat(62) + "/x",
                "sha256:" + "../".repeat(21) + "a", "sha256:" + "A".repeat(64), "../" + "a".repeat(64))) {
            assertThatThrownBy(() -> Digest.parse(bad)).isInstanceOf(RegentException.class);
        }
        Digest absent = Digest.sha256Of("never stored".getBytes(StandardCharsets.UTF_8));
        assertThat(blobs.open(absent)).isEmpty();
        assertThat(blobs.contains(absent)).isFalse();
        assertThat(blobs.verify(absent)).isFalse();
        assertThat(blobs.path(absent).startsWith(blobs.root())).isTrue();
    }

    @Test
    void verifyDetectsContentChangedOnDisk() throws IOException {
        byte[] content = "the real report".getBytes(StandardCharsets.UTF_8);
        Digest d = blobs.put(bytes(content), LIMIT);
        assertThat(blobs.verify(d)).isTrue();
        Path file = blobs.path(d);
        file.toFile().setWritable(true, true);
        Files.write(file, "a forged report".getBytes(StandardCharsets.UTF_8));
        assertThat(blobs.verify(d)).isFalse();
        assertThat(blobs.contains(d)).isTrue();
    }
}
