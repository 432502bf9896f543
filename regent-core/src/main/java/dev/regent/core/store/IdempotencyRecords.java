package dev.regent.core.store;

import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembered outcomes of creating requests, by the caller's idempotency key, so that a retried request returns
 * the first outcome instead of creating a duplicate. A claim is taken before the work and completed after it.
 */
public interface IdempotencyRecords {

    /** A claimed or completed key. {@code status} and {@code body} are absent while the first request is in progress. */
    record Entry(Principal principal, String key, Digest requestFingerprint, Integer status, String body, Instant createdAt) {
        public boolean completed() {
            return status != null;
        }
    }

    /** The entry for the principal's key, if any. */
    Optional<Entry> findIdempotencyKey(Principal principal, String key);

    /** Claims the key for a request; throws {@link StoreConflict} when someone holds it already. */
    void claimIdempotencyKey(Principal principal, String key, Digest requestFingerprint, Instant at);

    /** Records the outcome of the request that holds the claim. */
    void completeIdempotencyKey(Principal principal, String key, int status, String body);

    /** Releases a claim whose request failed before producing an outcome worth replaying. */
    void releaseIdempotencyKey(Principal principal, String key);

    /** Forgets entries created before the cutoff; returns how many. */
    int expireIdempotencyKeys(Instant before);
}
