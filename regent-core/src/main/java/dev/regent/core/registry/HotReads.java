package dev.regent.core.registry;

import dev.regent.core.store.RegistryStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The in-memory view of hot reads (authenticated tokens, principals, model overviews, versions, the latest version
 * per stage): a value is served again only while the store's {@link RegistryStore#generation() generation} is the
 * one it was read at — so a change committed through this registry, or announced by another node, invalidates
 * everything at once (tokens and principals follow the store's {@link RegistryStore#accessGeneration() access
 * generation}, which only writes to them move) — and for at most {@link #maxAge}, which bounds staleness from writers the store cannot hear
 * (another process on the same SQLite file, a lost notification). Only successful reads are kept: a missing model,
 * an unknown token or a refusal is asked of the store every time, so junk requests cannot fill the view.
 */
final class HotReads {
    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);
    static final int MAX_ENTRIES = 50_000;
    /** A system property naming the maximum age in milliseconds; 0 turns the view off (every read asks the store). */
    static final String MAX_AGE_PROPERTY = "regent.hot-reads.max-age-ms";

    /**
     * The maximum age from {@link #MAX_AGE_PROPERTY}, else none (null): then {@link #DEFAULT_MAX_AGE} bounds entries
     * of a store that may miss other writers' changes, and nothing does for one that hears every change.
     */
    static Duration configuredMaxAge() {
        String raw = System.getProperty(MAX_AGE_PROPERTY);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, Long.parseLong(raw.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + MAX_AGE_PROPERTY + " must be a number of milliseconds, got '" + raw + "'");
        }
    }

    private record Entry(long generation, long loadedAt, Object value) {
    }

    /** The keys of what is kept: one record type per kind of read. */
    record TokenKey(dev.regent.core.model.Digest hash) {
    }

    record PrincipalKey(dev.regent.core.model.Principal principal) {
    }

    record ModelKey(dev.regent.core.model.ModelName model) {
    }

    record OverviewKey(dev.regent.core.model.ModelName model) {
    }

    record VersionKey(dev.regent.core.model.ModelName model, dev.regent.core.model.VersionNumber number) {
    }

    record LatestKey(dev.regent.core.model.ModelName model) {
    }

    private final RegistryStore store;
    private final long maxAgeNanos;
    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();

    /** {@code maxAge} null: {@link #DEFAULT_MAX_AGE}, or unbounded when the store hears every change. */
    HotReads(RegistryStore store, Duration maxAge) {
        this.store = store;
        // a server holding the data directory's lock, or hearing PostgreSQL's notifications, cannot serve a value
        // another writer changed unheard: the age bound only guards against writers it cannot hear (measured: a 1-s
        // bound sent a quarter of random version reads to the database at 4,000 reads/s)
        Duration bound = maxAge != null ? maxAge : store.hearsEveryChange() ? null : DEFAULT_MAX_AGE;
        this.maxAgeNanos = bound == null ? Long.MAX_VALUE : bound.toNanos();
    }

    /**
     * The value for the key: from the view while fresh, else loaded (the generation is read before loading, so a
     * change committed while loading leaves the entry already stale, never wrongly fresh).
     */
    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> loader) {
        // who may do what follows its own generation: a registration does not send every sign-in back to the store
        long generation = key instanceof TokenKey || key instanceof PrincipalKey ? store.accessGeneration() : store.generation();
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null && entry.generation == generation && now - entry.loadedAt < maxAgeNanos) {
            return (T) entry.value;
        }
        T value = loader.get();
        if (maxAgeNanos > 0) {
            if (entries.size() >= MAX_ENTRIES) {
                // simplest bound that cannot go wrong: start over (the next reads reload what is hot)
                entries.clear();
            }
            entries.put(key, new Entry(generation, now, value));
        }
        return value;
    }
}
