package dev.regent.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One argument of a tool: its name (the CLI's word), JSON type, whether it is required, its limit and what it means.
 * The same declaration produces the JSON schema an agent sees and the check every call goes through.
 */
record Param(String name, Type type, boolean required, int maxLength, String description, List<String> choices) {
    /** The JSON types a tool argument can have. */
    enum Type { STRING, INTEGER, STRING_MAP, NUMBER_MAP, STRING_LIST, OBJECT }

    Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    static Param string(String name, boolean required, int maxLength, String description) {
        return new Param(name, Type.STRING, required, maxLength, description, null);
    }

    static Param choice(String name, boolean required, List<String> choices, String description) {
        return new Param(name, Type.STRING, required, 64, description, choices);
    }

    static Param integer(String name, boolean required, String description) {
        return new Param(name, Type.INTEGER, required, 0, description, null);
    }

    /** A map of string keys to string values (tags, params); maxLength bounds the number of entries. */
    static Param stringMap(String name, int maxEntries, String description) {
        return new Param(name, Type.STRING_MAP, false, maxEntries, description, null);
    }

    /** A map of names to finite numbers (metrics); maxLength bounds the number of entries. */
    static Param numberMap(String name, int maxEntries, String description) {
        return new Param(name, Type.NUMBER_MAP, false, maxEntries, description, null);
    }

    /** A list of strings (tag keys to remove); maxLength bounds the number of items. */
    static Param stringList(String name, int maxItems, String description) {
        return new Param(name, Type.STRING_LIST, false, maxItems, description, null);
    }

    /** Free-form object (the arguments of a planned tool); validated by that tool. */
    static Param object(String name, boolean required, String description) {
        return new Param(name, Type.OBJECT, required, 0, description, null);
    }

    /** This argument as a JSON-schema property. */
    Map<String, Object> schema() {
        Map<String, Object> p = new LinkedHashMap<>();
        switch (type) {
            case STRING -> {
                p.put("type", "string");
                if (!choices.isEmpty()) {
                    p.put("enum", choices);
                } else {
                    p.put("maxLength", maxLength);
                }
            }
            case INTEGER -> {
                p.put("type", "integer");
                p.put("minimum", 1);
                p.put("maximum", Integer.MAX_VALUE);
            }
            case STRING_MAP -> {
                p.put("type", "object");
                p.put("maxProperties", maxLength);
                p.put("additionalProperties", Map.of("type", "string"));
            }
            case NUMBER_MAP -> {
                p.put("type", "object");
                p.put("maxProperties", maxLength);
                p.put("additionalProperties", Map.of("type", "number"));
            }
            case STRING_LIST -> {
                p.put("type", "array");
                p.put("maxItems", maxLength);
                p.put("items", Map.of("type", "string", "maxLength", Args.MAX_LIST_ITEM));
            }
            case OBJECT -> p.put("type", "object");
        }
        p.put("description", description);
        return p;
    }
}
