package dev.regent.cli.input;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.Metrics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Parses repeated K=V options (--tag, --param, --metric); a key given twice is an error, not a silent overwrite. */
public final class KeyValues {
    private KeyValues() {
    }

    public static Map<String, String> parse(List<String> pairs, String option) {
        TreeMap<String, String> map = new TreeMap<>();
        if (pairs == null) {
            return map;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw RegentException.invalid(option + " expects KEY=VALUE, got '" + pair + "'");
            }
            String key = pair.substring(0, eq);
            if (map.put(key, pair.substring(eq + 1)) != null) {
                throw RegentException.invalid(option + " " + key + " is given more than once");
            }
        }
        return map;
    }

    public static Map<String, Double> metrics(List<String> pairs) {
        TreeMap<String, Double> metrics = new TreeMap<>();
        parse(pairs, "--metric").forEach((k, v) -> metrics.put(k, Metrics.parseValue(k, v)));
        return metrics;
    }
}
