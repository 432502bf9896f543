package dev.regent.core.store;

/** Work done inside one store transaction. */
@FunctionalInterface
public interface TransactionWork<T> {
    T run(StoreTransaction tx);
}
