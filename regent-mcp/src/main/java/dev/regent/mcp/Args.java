package dev.regent.mcp;

import dev.regent.core.error.RegentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tool call's arguments after checking them against the tool's parameters: unknown names, wrong types, missing
 * required values and values over their limit are refused with one message listing every problem, before any
 * registry call. Values are then read by name; the registry's own value types check their formats.
 */
final class Args {
    static final int MAX_LIST_ITEM = 250;
    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    /** Checks raw arguments (null means none) against the parameters. */
    static Args check(List<Param> params, Map<String, Object> raw) {
        Map<String, Object> given = raw == null ? Map.of() : raw;
        Map<String, Param> byName = new LinkedHashMap<>();
        params.forEach(p -> byName.put(p.name(), p));
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                unknown.add(name.length() > 64 ? name.substring(0, 64) + "…" : name);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown argument(s) " + unknown + "; this tool takes " + byName.keySet());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : params) {
            Object v = given.get(p.name());
            if (v == null) {
                if (p.required()) {
                    problems.add("'" + p.name() + "' is required: " + p.description());
                }
                continue;
            }
            String problem = problem(p, v);
            if (problem != null) {
                problems.add(problem);
            } else {
                values.put(p.name(), v);
            }
        }
        if (!problems.isEmpty()) {
            throw RegentException.invalid(String.join("; ", problems));
        }
        return new Args(values);
    }

    private static String problem(Param p, Object v) {
        switch (p.type()) {
            case STRING -> {
                if (!(v instanceof String s)) {
                    return "'" + p.name() + "' must be a string";
                }
                if (!p.choices().isEmpty()) {
                    return p.choices().stream().anyMatch(c -> c.equalsIgnoreCase(s.trim())) ? null
                            : "'" + p.name() + "' must be one of " + p.choices();
                }
                if (s.length() > p.maxLength()) {
                    return "'" + p.name() + "' is " + s.length() + " characters; the limit is " + p.maxLength();
                }
                return null;
            }
            case INTEGER -> {
                if (v instanceof Integer || v instanceof Long) {
                    long n = ((Number) v).longValue();
                    return n >= 1 && n <= Integer.MAX_VALUE ? null : "'" + p.name() + "' must be a positive version number";
                }
                if (v instanceof String s && s.matches("[1-9][0-9]{0,9}")) {
                    return Long.parseLong(s) <= Integer.MAX_VALUE ? null : "'" + p.name() + "' is too large";
                }
                return "'" + p.name() + "' must be a positive integer (1, 2, 3…)";
            }
            case STRING_MAP -> {
                if (!(v instanceof Map<?, ?> m)) {
                    return "'" + p.name() + "' must be an object of string values, e.g. {\"team\": \"risk\"}";
                }
                if (m.size() > p.maxLength()) {
                    return "'" + p.name() + "' has " + m.size() + " entries; the limit is " + p.maxLength();
                }
                for (Object value : m.values()) {
                    if (!(value instanceof String)) {
                        return "'" + p.name() + "' must map names to strings";
                    }
                }
                return null;
            }
            case NUMBER_MAP -> {
                if (!(v instanceof Map<?, ?> m)) {
                    return "'" + p.name() + "' must be an object of numbers, e.g. {\"auc\": 0.93}";
                }
                if (m.size() > p.maxLength()) {
                    return "'" + p.name() + "' has " + m.size() + " entries; the limit is " + p.maxLength();
                }
                for (Object value : m.values()) {
                    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                        return "'" + p.name() + "' must map names to finite numbers";
                    }
                }
                return null;
            }
            case STRING_LIST -> {
                if (!(v instanceof List<?> l)) {
                    return "'" + p.name() + "' must be an array of strings";
                }
                if (l.size() > p.maxLength()) {
                    return "'" + p.name() + "' has " + l.size() + " items; the limit is " + p.maxLength();
                }
                for (Object item : l) {
                    if (!(item instanceof String s) || s.length() > MAX_LIST_ITEM) {
                        return "'" + p.name() + "' must hold strings of at most " + MAX_LIST_ITEM + " characters";
                    }
                }
                return null;
            }
            case OBJECT -> {
                return v instanceof Map<?, ?> ? null : "'" + p.name() + "' must be an object";
            }
            default -> throw new IllegalStateException(p.type().name());
        }
    }

    Optional<String> string(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    String required(String name) {
        return string(name).orElseThrow(() -> RegentException.invalid("'" + name + "' is required"));
    }

    Optional<Integer> integer(String name) {
        Object v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v instanceof String s ? Integer.parseInt(s) : ((Number) v).intValue());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Map<String, String> stringMap(String name) {
        Object v = values.get(name);
        TreeMap<String, String> map = new TreeMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, value) -> map.put(String.valueOf(k), (String) value));
        }
        return map;
    }

    Map<String, Double> numberMap(String name) {
        Object v = values.get(name);
        TreeMap<String, Double> map = new TreeMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, value) -> map.put(String.valueOf(k), ((Number) value).doubleValue()));
        }
        return map;
    }

    List<String> stringList(String name) {
        Object v = values.get(name);
        List<String> list = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(item -> list.add((String) item));
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }
}
