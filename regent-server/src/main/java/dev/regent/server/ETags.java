package dev.regent.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.ModelWire;
import dev.regent.api.VersionWire;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelVersion;

/**
 * Strong ETags of single resources. A model's and a version's cover their own fields (the ones an update can change
 * and the update time), not derived data such as which aliases point at a version; a card's is its revision digest.
 */
final class ETags {
    /** At most this many remembered tags; then the memo starts over (the hot ones come back at once). */
    static final int MEMO_SIZE = 10_000;

    private final ObjectMapper mapper;
    // A tag is a function of the resource's fields, so equal values share it: the hot-read view hands out the same
    // values while nothing changes, and a GET then costs a map lookup instead of rendering and hashing JSON.
    private final java.util.Map<Object, String> memo = new java.util.concurrent.ConcurrentHashMap<>();

    ETags(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String of(Model model) {
        return remembered(model, () -> hash(ModelWire.of(model)));
    }

    String of(ModelVersion version) {
        return remembered(version, () -> hash(VersionWire.of(version)));
    }

    private String remembered(Object value, java.util.function.Supplier<String> tag) {
        String known = memo.get(value);
        if (known != null) {
            return known;
        }
        if (memo.size() >= MEMO_SIZE) {
            memo.clear();
        }
        String computed = tag.get();
        memo.put(value, computed);
        return computed;
    }

    static String of(Digest digest) {
        return "\"" + digest.hex() + "\"";
    }

    private String hash(Object wire) {
        try {
            return "\"" + Digest.sha256Of(mapper.writeValueAsBytes(wire)).hex().substring(0, 32) + "\"";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an ETag", e);
        }
    }
}
