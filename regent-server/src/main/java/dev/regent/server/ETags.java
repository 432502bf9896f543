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
    private final ObjectMapper mapper;

    ETags(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String of(Model model) {
        return hash(ModelWire.of(model));
    }

    String of(ModelVersion version) {
        return hash(VersionWire.of(version));
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
