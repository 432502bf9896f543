package dev.regent.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of hot reads, rendered once and kept as bytes. The key is the wire value itself (records, lists and maps
 * compare by content), so a body is served again only for an equal value and a change can never be answered with
 * old bytes: a changed version, alias or stage builds a different wire value, which misses and renders. While nothing
 * changes the hot-read view hands out the same domain values and a read costs a hash lookup instead of Jackson.
 */
final class RenderedBodies {
    /** At most this many kept bodies (a few hundred bytes each); then the memo starts over, the hot ones return at once. */
    static final int MAX_ENTRIES = 4096;

    private final ObjectMapper mapper;
    private final Map<Object, byte[]> memo = new ConcurrentHashMap<>();

    RenderedBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON of {@code wire}; the returned array is shared and must not be modified. */
    byte[] of(Object wire) {
        byte[] known = memo.get(wire);
        if (known != null) {
            return known;
        }
        byte[] rendered;
        try {
            rendered = mapper.writeValueAsBytes(wire);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a reply", e);
        }
        if (memo.size() >= MAX_ENTRIES) {
            memo.clear();
        }
        memo.put(wire, rendered);
        return rendered;
    }

    /** How many bodies are kept (for tests). */
    int size() {
        return memo.size();
    }
}
