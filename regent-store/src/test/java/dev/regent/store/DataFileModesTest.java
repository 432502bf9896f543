package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.model.Principal;
import dev.regent.core.store.RegistryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database holds token hashes, every model and the audit log: only its owner may read it. */
class DataFileModesTest {
    @TempDir
    Path dir;

    @Test
    void aNewDataDirectoryIsPrivateAndSoAreTheDatabaseAndItsWalAndShm() throws Exception {
        Path data = dir.resolve("data");
        try (RegistryStore store = StoreFactory.open(data, null)) {
            // a write, so SQLite has its -wal and -shm files open beside the database
            store.inTransaction(tx -> {
                tx.insertPrincipal(new PrincipalRecord(Principal.of("someone"), PrincipalKind.USER,
                        List.of(Grant.global(Role.VIEWER)), Principal.of("someone"), Instant.EPOCH));
                return null;
            });
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("regent.db"))).isEqualTo("rw-------");
            assertThat(data.resolve("regent.db-wal")).exists();
            assertThat(mode(data.resolve("regent.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("regent.db-shm"))).isEqualTo("rw-------");
        }
    }

    @Test
    void anExistingWorldReadableDatabaseIsMadePrivateWhenOpened() throws Exception {
        Path data = dir.resolve("old");
        StoreFactory.open(data, null).close();
        // what a registry created before this rule looks like
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("regent.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(data.resolve("regent.db-wal"), "");
        Files.setPosixFilePermissions(data.resolve("regent.db-wal"), PosixFilePermissions.fromString("rw-rw-rw-"));

        StoreFactory.open(data, null).close();

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("regent.db"))).isEqualTo("rw-------");
        if (Files.exists(data.resolve("regent.db-wal"))) {
            assertThat(mode(data.resolve("regent.db-wal"))).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
