package dev.regent.store.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteOnceFileTest {
    @TempDir
    Path dir;

    @Test
    void theFirstContentWinsAndIsNeverReplaced() throws Exception {
        Path file = dir.resolve("sub/key");
        assertThat(WriteOnceFile.createOrRead(file, bytes("first"), true)).isEqualTo(bytes("first"));
        assertThat(WriteOnceFile.createOrRead(file, bytes("second"), true)).isEqualTo(bytes("first"));
        assertThat(Files.readString(file)).isEqualTo("first");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var list = Files.list(file.getParent())) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("key");
        }
    }

    @Test
    void racingWritersAllReadTheOneFileThatWon() throws Exception {
        Path file = dir.resolve("shared");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<byte[]>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] mine = bytes("writer " + i);
            results.add(pool.submit(() -> {
                start.await();
                return WriteOnceFile.createOrRead(file, mine, false);
            }));
        }
        start.countDown();
        byte[] stored = null;
        for (Future<byte[]> r : results) {
            byte[] seen = r.get();
            stored = stored == null ? seen : stored;
            assertThat(seen).isEqualTo(stored);
        }
        pool.shutdown();
        assertThat(Files.readAllBytes(file)).isEqualTo(stored);
    }

    @Test
    void publishDoesNotReplaceAnExistingFileAndCleansUp() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "old");
        Path temp = Files.writeString(dir.resolve("temp"), "new");
        assertThat(WriteOnceFile.publish(temp, target)).isFalse();
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(temp).doesNotExist();
        Path fresh = Files.writeString(dir.resolve("temp2"), "new");
        assertThat(WriteOnceFile.publish(fresh, dir.resolve("other"))).isTrue();
        assertThat(Files.readString(dir.resolve("other"))).isEqualTo("new");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
