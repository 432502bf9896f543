package dev.regent.core.registry;

import dev.regent.core.model.Model;
import dev.regent.core.model.ModelVersion;
import java.util.SortedMap;
import java.util.TreeMap;

/** Flattens models and versions into sorted field → value maps for audit entries' "before" and "after". */
final class StateMaps {
    private StateMaps() {
    }

    static SortedMap<String, String> of(Model m) {
        TreeMap<String, String> s = new TreeMap<>();
        s.put("name", m.name().value());
        s.put("description", m.description().text());
        m.tags().values().forEach((k, v) -> s.put("tags." + k, v));
        return s;
    }

    static SortedMap<String, String> of(ModelVersion v) {
        TreeMap<String, String> s = new TreeMap<>();
        s.put("model", v.model().value());
        s.put("version", v.number().toString());
        s.put("source", v.source().value());
        v.artifactDigest().ifPresent(d -> s.put("digest", d.value()));
        if (v.lineage().runId() != null) {
            s.put("run_id", v.lineage().runId());
        }
        if (v.lineage().datasetVersion() != null) {
            s.put("dataset_version", v.lineage().datasetVersion());
        }
        if (v.lineage().codeVersion() != null) {
            s.put("code_version", v.lineage().codeVersion());
        }
        v.metrics().values().forEach((k, x) -> s.put("metrics." + k, Double.toString(x)));
        v.params().values().forEach((k, x) -> s.put("params." + k, x));
        s.put("description", v.description().text());
        v.tags().values().forEach((k, x) -> s.put("tags." + k, x));
        s.put("stage", v.stage().label());
        return s;
    }

    static SortedMap<String, String> single(String key, String value) {
        TreeMap<String, String> s = new TreeMap<>();
        s.put(key, value);
        return s;
    }
}
