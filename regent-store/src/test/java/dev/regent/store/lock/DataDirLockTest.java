package dev.regent.store.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    private static final Instant STARTED = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private static LockHolder server() {
        return LockHolder.thisProcess(LockHolder.Kind.SERVER, STARTED);
    }

    private static LockHolder local() {
        return LockHolder.thisProcess(LockHolder.Kind.LOCAL, STARTED);
    }

    @Test
    void aServerExcludesEveryoneUntilItClosesTheLock() throws Exception {
        Optional<DataDirLock> first = DataDirLock.tryExclusive(dir, server());
        assertThat(first).isPresent();
        assertThat(DataDirLock.tryExclusive(dir, server())).isEmpty();
        assertThat(DataDirLock.tryShared(dir, local())).isEmpty();
        first.get().advertise(server().at("http://127.0.0.1:8080"));
        assertThat(DataDirLock.holder(dir)).contains(server().at("http://127.0.0.1:8080"));
        assertThat(Files.readString(dir.resolve(DataDirLock.FILE_NAME))).contains("kind=server", "address=http://127.0.0.1:8080",
                "pid=" + ProcessHandle.current().pid());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DataDirLock.FILE_NAME))))
                .isEqualTo("rw-------");

        first.get().close();
        first.get().close();
        try (DataDirLock again = DataDirLock.tryExclusive(dir, server()).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void localCommandsShareTheLockAndKeepAServerOutUntilTheLastOneCloses() {
        DataDirLock one = DataDirLock.tryShared(dir, local()).orElseThrow();
        DataDirLock two = DataDirLock.tryShared(dir, local()).orElseThrow();
        assertThat(DataDirLock.tryExclusive(dir, server())).isEmpty();
        one.close();
        assertThat(DataDirLock.tryExclusive(dir, server())).as("the second command still runs").isEmpty();
        two.close();
        DataDirLock.tryExclusive(dir, server()).orElseThrow().close();
    }

    @Test
    void anotherProcessesLockIsSeenWithItsHolderAndGoesWhenThatProcessDies() throws Exception {
        Process child = lockInAnotherProcess("SERVER");
        try {
            assertThat(DataDirLock.tryExclusive(dir, server())).isEmpty();
            assertThat(DataDirLock.tryShared(dir, local())).isEmpty();
            // reading the holder opens the lock file in this process; that must not disturb anyone's lock
            LockHolder holder = DataDirLock.holder(dir).orElseThrow();
            assertThat(holder.pid()).isEqualTo(child.pid());
            assertThat(holder.kind()).isEqualTo(LockHolder.Kind.SERVER);
            assertThat(holder.alive()).isTrue();
            assertThat(DataDirLock.tryExclusive(dir, server())).isEmpty();
        } finally {
            // a crash: no close, no shutdown hook; the operating system lets the lock go
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(DataDirLock.holder(dir).orElseThrow().alive()).as("what the file says is left from a dead process").isFalse();
        DataDirLock.tryExclusive(dir, server()).orElseThrow().close();
    }

    @Test
    void aLocalCommandInAnotherProcessSharesWithThisOneButNotWithAServer() throws Exception {
        Process child = lockInAnotherProcess("LOCAL");
        try {
            assertThat(DataDirLock.tryExclusive(dir, server())).isEmpty();
            DataDirLock.tryShared(dir, local()).orElseThrow().close();
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLockFileThatSaysNothingUsefulNamesNoHolder() throws Exception {
        assertThat(DataDirLock.holder(dir)).isEmpty();
        Files.writeString(dir.resolve(DataDirLock.FILE_NAME), "");
        assertThat(DataDirLock.holder(dir)).isEmpty();
        Files.writeString(dir.resolve(DataDirLock.FILE_NAME), "kind=server\npid=x\n");
        assertThat(DataDirLock.holder(dir)).isEmpty();
        assertThat(LockHolder.parse(server().at("http://[::1]:80").encode())).contains(server().at("http://[::1]:80"));
    }

    private Process lockInAnotherProcess(String kind) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockingProcess.class.getName(), dir.toString(), kind)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the child locked the directory").startsWith("locked");
        return child;
    }
}
