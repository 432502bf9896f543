package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Named, finite numbers measured on a version (auc, latency…). Immutable once registered. */
public record Metrics(SortedMap<String, Double> values) {
    public static final int MAX_METRICS = 1000;
    public static final Metrics EMPTY = new Metrics(new TreeMap<>());

    public Metrics {
        if (values.size() > MAX_METRICS) {
            throw RegentException.invalid("too many metrics: " + values.size() + "; the limit is " + MAX_METRICS);
        }
        TreeMap<String, Double> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            Tags.validateKey(k, "metric name");
            if (v == null || !Double.isFinite(v)) {
                throw RegentException.invalid("metric '" + k + "' must be a finite number, got " + v);
            }
            copy.put(k, v);
        });
        values = Collections.unmodifiableSortedMap(copy);
    }

    public static Metrics of(Map<String, Double> values) {
        return new Metrics(new TreeMap<>(values));
    }

    /** Parses a metric value written by a person ("0.93", "1e-3"); NaN, infinities and words are refused. */
    public static double parseValue(String name, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v) || text.trim().matches("(?i).*(nan|infinity).*")) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw RegentException.invalid("metric '" + name + "' must be a finite number, got '" + Check.printable(text) + "'");
        }
    }
}
