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

    /** A short description of the backing database for people ("SQLite /path/regent.db", "PostgreSQL host/db"). */
    String describe();

    /** Releases connections; the store is unusable afterwards. */
    @Override
    void close();
}
