package dev.regent.core.store;

/**
 * The registry's storage port. Every change is one transaction owned by the store: the work runs with a
 * {@link StoreTransaction}, and either everything it wrote commits or nothing does. Write transactions are
 * serialised with other writers of the same model (and of the audit log), so a read-then-write inside one
 * transaction cannot race with another writer.
 */
public interface RegistryStore extends AutoCloseable {

    /** Runs the work in one write transaction; commits when it returns, rolls back when it throws. */
    <T> T inTransaction(TransactionWork<T> work);

    /** Runs read-only work against a consistent snapshot; writes through the given transaction are refused. */
    <T> T read(TransactionWork<T> work);

    /**
     * A number that stays the same only while no change can have been committed: the store bumps it after each of
     * its own write transactions and, where the database can tell (PostgreSQL's LISTEN/NOTIFY), when another node
     * commits. A value read at generation g may be served again while {@code generation()} still returns g. A store
     * that cannot tell returns a new number on every call, so nothing is ever served from a cache.
     */
    default long generation() {
        return Generations.UNKNOWN.incrementAndGet();
    }

    /**
     * Whether every commit to the database moves {@link #generation()} — this process is its only writer (a server
     * holding the embedded data directory's lock), or it hears every other writer (PostgreSQL's listener; while it
     * cannot hear, the generation moves on every call) — so a value read at an unchanged generation is never stale,
     * however old. False when another process may write unheard (a local-mode reader beside a server).
     */
    default boolean hearsEveryChange() {
        return false;
    }

    /**
     * As {@link #generation()}, but moving on only when tokens, principals or grants may have changed (a store that
     * cannot tell returns {@link #generation()}): authentication read at access generation g may be served again while
     * it is still g, so writes to models do not send every request's sign-in back to the database.
     */
    default long accessGeneration() {
        return generation();
    }

    /**
     * The first {@link dev.regent.core.audit.AuditIncident} any read or write of this store met (the audit log
     * contradicting itself), if one did: it stays until the process restarts, /ready reports it and nothing is signed.
     */
    default java.util.Optional<String> auditIncident() {
        return java.util.Optional.empty();
    }

    /**
     * Why writes cannot succeed for lack of space, while the store has reason to believe so: the database refused a
     * write as full recently and none has committed since. Readiness reports it; empty when writes may succeed.
     */
    default java.util.Optional<String> storageFull() {
        return java.util.Optional.empty();
    }

    /** A short description of the backing database for people ("SQLite /path/regent.db", "PostgreSQL host/db"). */
    String describe();

    /** Releases connections; the store is unusable afterwards. */
    @Override
    void close();
}
