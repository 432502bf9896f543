package dev.regent.store;

import dev.regent.core.store.RegistryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A uniquely named schema in the PostgreSQL database given by {@code REGENT_TEST_POSTGRES_URL}
 * (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); stores connect to it with
 * {@code currentSchema=}, and close drops it, so test classes and parallel runs never see each other's rows.
 */
public final class PostgresTestDatabase implements TestDatabase {
    /** The environment variable naming the PostgreSQL database the tests may create schemas in. */
    public static final String URL_VARIABLE = "REGENT_TEST_POSTGRES_URL";

    private final String baseUrl;
    private final String schema;
    /** The stores' data directory (the webhook secrets key lives there), private to this database. */
    private final Path dataDir;

    private PostgresTestDatabase(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
        try {
            this.dataDir = java.nio.file.Files.createTempDirectory("regent-pg-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The data directory the stores of this database share. */
    public Path dataDir() {
        return dataDir;
    }

    /** Creates a fresh schema, or skips the calling tests (JUnit assumption) when the variable is unset. */
    public static PostgresTestDatabase create() {
        String url = System.getenv(URL_VARIABLE);
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                URL_VARIABLE + " is not set: PostgreSQL store tests skipped");
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        String schema = "regent_test_" + HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema in " + URL_VARIABLE + ": " + e.getMessage(), e);
        }
        return new PostgresTestDatabase(url, schema);
    }

    /** The schema's name. */
    public String schema() {
        return schema;
    }

    @Override
    public RegistryStore openStore() {
        return StoreFactory.open(dataDir, jdbcUrl());
    }

    @Override
    public String jdbcUrl() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
        } finally {
            try (var files = java.nio.file.Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException ignored) {
                // a temporary directory left behind
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL schema " + schema;
    }
}
