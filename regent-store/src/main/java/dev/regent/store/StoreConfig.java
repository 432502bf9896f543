package dev.regent.store;

import dev.regent.core.error.RegentException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the registry's database lives: a JDBC URL ({@code jdbc:postgresql://…} or {@code jdbc:sqlite:…}), or
 * none, meaning the embedded SQLite file {@code regent.db} in the data directory.
 */
public record StoreConfig(Path dataDir, String jdbcUrl) {
    /** The SQLite file's name inside the data directory. */
    public static final String SQLITE_FILE = "regent.db";

    public StoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl.strip();
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:sqlite:")) {
            // Show only the scheme: the rest of a URL may hold a password.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[A-Za-z0-9:]{0,30}").matcher(jdbcUrl);
            String scheme = m.find() ? m.group() : "";
            throw RegentException.invalid("unsupported database URL (starts with '" + scheme + "'): use "
                    + "jdbc:postgresql://host:port/database, or leave it unset for the embedded SQLite file");
        }
    }

    /** The embedded SQLite file in the data directory, or the given JDBC URL when it is not null or blank. */
    public static StoreConfig of(Path dataDir, String jdbcUrlOrNull) {
        return new StoreConfig(dataDir, jdbcUrlOrNull);
    }

    /** Whether this names a PostgreSQL database. */
    public boolean isPostgres() {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The SQLite database file: the one the URL names, or regent.db in the data directory. */
    public Path sqliteFile() {
        if (isPostgres()) {
            throw new IllegalStateException("a PostgreSQL store has no SQLite file");
        }
        if (jdbcUrl == null) {
            return dataDir.resolve(SQLITE_FILE).toAbsolutePath();
        }
        String rest = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        return Path.of(query < 0 ? rest : rest.substring(0, query)).toAbsolutePath();
    }

    /** "host:port/database" of a PostgreSQL URL, without user, password or other parameters. */
    public String postgresLocation() {
        String rest = jdbcUrl.substring("jdbc:postgresql:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
            if (at >= 0) {
                rest = rest.substring(at + 1);
            }
        }
        return rest;
    }
}
