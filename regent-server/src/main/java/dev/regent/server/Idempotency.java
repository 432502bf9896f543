package dev.regent.server;

import dev.regent.api.ApiError;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import dev.regent.core.registry.IdempotencyKeys;
import dev.regent.core.store.IdempotencyRecords;
import dev.regent.core.store.StoreConflict;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Idempotency-Key handling of creating POSTs, per caller: the key is claimed (committed) before the work, so a
 * concurrent duplicate finds the claim and gets 409; a completed key replays the first status and body; the same
 * key with a different request is 422. A request that fails unexpectedly releases its claim, so it can be retried.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private final IdempotencyKeys keys;

    Idempotency(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** A stored outcome to replay. */
    record Stored(int status, String body) {
    }

    static void checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw RegentException.invalid("Idempotency-Key must be 1-255 printable ASCII characters without spaces");
        }
    }

    /** The fingerprint of a request: method, route path, query string and body digest. */
    static Digest fingerprint(String method, String path, String query, Digest body) {
        String text = method + "\n" + path + "\n" + (query == null ? "" : query) + "\n" + body.value();
        return Digest.sha256Of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The stored outcome to replay, or empty after claiming the key for this request. */
    Optional<Stored> claimOrReplay(Principal caller, String key, Digest fingerprint) {
        Optional<IdempotencyRecords.Entry> existing = keys.find(caller, key);
        if (existing.isEmpty()) {
            try {
                keys.claim(caller, key, fingerprint);
                return Optional.empty();
            } catch (StoreConflict e) {
                existing = keys.find(caller, key);
                if (existing.isEmpty()) {
                    throw inProgress();
                }
            }
        }
        IdempotencyRecords.Entry entry = existing.get();
        if (!entry.requestFingerprint().equals(fingerprint)) {
            throw new ApiException(ApiError.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used for a different request; "
                    + "use a new key for a new request");
        }
        if (!entry.completed()) {
            throw inProgress();
        }
        return Optional.of(new Stored(entry.status(), entry.body()));
    }

    void complete(Principal caller, String key, int status, String body) {
        keys.complete(caller, key, status, body);
    }

    void release(Principal caller, String key) {
        keys.release(caller, key);
    }

    private static RegentException inProgress() {
        return new RegentException(ErrorCode.CONFLICT, "a request with this Idempotency-Key is still in progress; retry "
                + "after it finishes to get its outcome");
    }
}
