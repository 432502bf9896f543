package dev.regent.core.registry;

import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import dev.regent.core.store.IdempotencyRecords;
import dev.regent.core.store.RegistryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Remembered outcomes of creating requests, for transports that offer idempotent retries (the REST API's
 * Idempotency-Key). Each call is its own short transaction: the claim commits before the work starts, so a
 * concurrent duplicate sees it and is refused instead of creating a second object.
 */
public final class IdempotencyKeys {
    /** How long outcomes are remembered. */
    public static final Duration RETENTION = Duration.ofHours(24);
    private final RegistryStore store;
    private final Clock clock;

    IdempotencyKeys(RegistryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The claimed or completed entry for the principal's key. */
    public Optional<IdempotencyRecords.Entry> find(Principal principal, String key) {
        return store.read(tx -> tx.findIdempotencyKey(principal, key));
    }

    /** Claims the key; throws a CONFLICT StoreConflict when it is already claimed or done. */
    public void claim(Principal principal, String key, Digest requestFingerprint) {
        store.inTransaction(tx -> {
            tx.expireIdempotencyKeys(clock.instant().minus(RETENTION));
            tx.claimIdempotencyKey(principal, key, requestFingerprint, clock.instant());
            return null;
        });
    }

    /** Records the outcome to replay. */
    public void complete(Principal principal, String key, int status, String body) {
        store.inTransaction(tx -> {
            tx.completeIdempotencyKey(principal, key, status, body);
            return null;
        });
    }

    /** Releases a claim whose request produced nothing worth replaying (e.g. it failed unexpectedly). */
    public void release(Principal principal, String key) {
        store.inTransaction(tx -> {
            tx.releaseIdempotencyKey(principal, key);
            return null;
        });
    }
}
