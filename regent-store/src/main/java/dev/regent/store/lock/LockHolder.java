package dev.regent.store.lock;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a data directory's lock, as its lock file says: a server or a local-mode command, its process id, the
 * server's address once it listens (null before, and for local commands), and when it started. It exists so a
 * refusal can name the process in the way, and where to send the command instead.
 */
public record LockHolder(Kind kind, long pid, String address, Instant started) {
    /** What holds the directory. */
    public enum Kind {
        SERVER, LOCAL
    }

    public LockHolder {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(started, "started");
        if (address != null && (address.isBlank() || address.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            throw new IllegalArgumentException("a lock holder's address is one printable word: " + address);
        }
    }

    /** This process, about to hold the lock as {@code kind}. */
    public static LockHolder thisProcess(Kind kind, Instant started) {
        // to the second: the time is for people reading a refusal
        return new LockHolder(kind, ProcessHandle.current().pid(), null, started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** The same holder, now reachable at {@code url} (http://host:port). */
    public LockHolder at(String url) {
        return new LockHolder(kind, pid, url, started);
    }

    /** Whether the process named here is still running (false: the file is left from one that ended). */
    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The server's address, when it is one and it has said. */
    public Optional<String> serverAddress() {
        return kind == Kind.SERVER ? Optional.ofNullable(address) : Optional.empty();
    }

    /** For people: "the Regent server at http://127.0.0.1:8080 (pid 4242, started 2026-…)". */
    public String describe() {
        String since = "pid " + pid + ", started " + started;
        return switch (kind) {
            case SERVER -> address == null ? "a Regent server that is still starting (" + since + ")"
                    : "the Regent server at " + address + " (" + since + ")";
            case LOCAL -> "a local-mode regent command (" + since + ")";
        };
    }

    /** The lock file's content: one {@code key=value} per line. */
    public String encode() {
        return "kind=" + kind.name().toLowerCase(java.util.Locale.ROOT) + "\n"
                + "pid=" + pid + "\n"
                + (address == null ? "" : "address=" + address + "\n")
                + "started=" + started + "\n";
    }

    /**
     * The holder a lock file names; empty when the text is not one (empty: its holder has not written it yet, or a
     * write was cut short).
     */
    public static Optional<LockHolder> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        try {
            return Optional.of(new LockHolder(Kind.valueOf(fields.getOrDefault("kind", "").toUpperCase(java.util.Locale.ROOT)),
                    Long.parseLong(fields.getOrDefault("pid", "")), fields.get("address"),
                    Instant.parse(fields.getOrDefault("started", ""))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
