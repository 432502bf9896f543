package dev.regent.core.card;

import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.model.Digest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Schema version 1 applied to the sections a reader found: every key must be a known section or
 * {@code schema_version}, no section may be given twice, each value must have a shape the schema allows, and
 * empty sections are dropped (a card that leaves a section empty does not have it).
 */
final class CardSchema {
    static final String SCHEMA_VERSION_KEY = "schema_version";

    private CardSchema() {
    }

    static ModelCard assemble(List<RawSection> raw) {
        Map<String, RawSection> seen = new HashMap<>();
        SortedMap<String, Object> sections = new TreeMap<>();
        for (RawSection section : raw) {
            String key = section.key();
            RawSection earlier = seen.putIfAbsent(key, section);
            if (earlier != null) {
                throw CardValues.error("section '" + key + "' is given twice: in " + earlier.where() + " and in "
                        + section.where());
            }
            if (key.equals(SCHEMA_VERSION_KEY)) {
                checkSchemaVersion(section);
                continue;
            }
            if (CardSection.fromKey(key).isEmpty()) {
                throw CardValues.error((key.isEmpty() ? "a heading names no section" : "unknown section '" + key
                        + "' in " + section.origin())
                        + "; the known sections are " + String.join(", ", CardSection.keys()), section.line(), 0);
            }
            if (section.value() == null) {
                continue;
            }
            checkShape(section);
            if (!CardValues.isEmpty(section.value())) {
                sections.put(key, freeze(section.value()));
            }
        }
        return new ModelCard(sections);
    }

    private static void checkSchemaVersion(RawSection section) {
        if (!(section.value() instanceof BigDecimal v) || v.compareTo(BigDecimal.valueOf(ModelCard.SCHEMA_VERSION)) != 0) {
            throw CardValues.error("schema_version " + section.value() + " is not supported; this registry reads "
                    + "schema version " + ModelCard.SCHEMA_VERSION, section.line(), 0);
        }
    }

    private static void checkShape(RawSection section) {
        Object value = section.value();
        String name = "section '" + section.key() + "' (" + section.origin() + ")";
        if (!(value instanceof String || value instanceof List || value instanceof Map)) {
            throw CardValues.error(name + " must be Markdown text, a list or a map, not " + describe(value),
                    section.line(), 0);
        }
        switch (section.key()) {
            case "risks" -> checkRisks(name, value, section.line());
            case "evaluation" -> checkEvaluation(name, value, section.line());
            case "training_data" -> checkDigests(name, value, section.line());
            default -> {
            }
        }
    }

    private static void checkRisks(String name, Object value, int line) {
        if (value instanceof Map) {
            throw CardValues.error(name + " must be Markdown text or a list of {risk, mitigation} items", line, 0);
        }
        if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof Map<?, ?> item)
                        || !(item.get("risk") instanceof String risk) || risk.isBlank()
                        || !(item.get("mitigation") instanceof String mitigation) || mitigation.isBlank()) {
                    throw CardValues.error(name + ": item " + (i + 1) + " must be a map with a non-empty 'risk' and "
                            + "a non-empty 'mitigation'", line, 0);
                }
            }
        }
    }

    private static void checkEvaluation(String name, Object value, int line) {
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        Object report = map.get("eval_report");
        if (report != null) {
            try {
                EvidenceId.parse(report instanceof String s ? s : String.valueOf(report));
            } catch (RegentException e) {
                throw CardValues.error(name + ": eval_report must be an evidence id (ev- and 20 hex digits), got '"
                        + report + "'", line, 0);
            }
        }
        Object metrics = map.get("metrics");
        if (metrics != null) {
            if (!(metrics instanceof Map<?, ?> m) || !m.values().stream().allMatch(v -> v instanceof BigDecimal)) {
                throw CardValues.error(name + ": metrics must map each metric name to a number", line, 0);
            }
        }
    }

    private static void checkDigests(String name, Object value, int line) {
        if (value instanceof List<?> list) {
            list.forEach(item -> checkDigests(name, item, line));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k.equals("digest")) {
                    try {
                        Digest.parse(v instanceof String s ? s : String.valueOf(v));
                    } catch (RegentException e) {
                        throw CardValues.error(name + ": digest must be 'sha256:' and 64 lowercase hex digits, got '"
                                + v + "'", line, 0);
                    }
                } else {
                    checkDigests(name, v, line);
                }
            });
        }
    }

    private static String describe(Object value) {
        return value instanceof BigDecimal ? "a number" : value instanceof Boolean ? "a boolean" : "this value";
    }

    /** A deep, unmodifiable copy, so that a card's content can never change after it is built. */
    static Object freeze(Object value) {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            SortedMap<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put((String) k, freeze(v)));
            return Collections.unmodifiableSortedMap(copy);
        }
        return value;
    }
}
