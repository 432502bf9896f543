package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.store.StorageFull;
import dev.regent.core.store.StoreFailure;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 8: writes on a full disk answered a generic 500 "unexpected error". A full database is now
 * INSUFFICIENT_STORAGE (507) with what to do; SQLite's SQLITE_FULL is produced for real here (max_page_count).
 */
class StorageFullTest {

    @Test
    void aFullDatabaseIsInsufficientStorageAndSaysWhatToDo() throws Exception {
        java.nio.file.Path db = java.nio.file.Files.createTempFile("regent-full", ".db");
        SQLException full;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db + "?max_page_count=8");
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x TEXT)");
            full = null;
            try {
                for (int i = 0; i < 1000; i++) {
                    s.execute("INSERT INTO t VALUES ('" + "x".repeat(1000) + "')");
                }
            } catch (SQLException e) {
                full = e;
            }
        }
        assertThat((Throwable) full).as("SQLite refused to grow past max_page_count").isNotNull();
        StoreFailure failure = Sql.failure(full);
        assertThat(failure).isInstanceOf(StorageFull.class);
        assertThat(failure.code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
        assertThat(failure.getMessage()).contains("no space left").contains("nothing was written").contains("free space");
        assertThat(ErrorCode.INSUFFICIENT_STORAGE.httpStatus()).isEqualTo(507);
        // PostgreSQL's disk_full
        assertThat(Sql.failure(new SQLException("could not extend file", "53100"))).isInstanceOf(StorageFull.class);
        // anything else stays an unexpected failure
        assertThat(Sql.failure(new SQLException("connection refused", "08001")).code()).isEqualTo(ErrorCode.INTERNAL);
    }
}
