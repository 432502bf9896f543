package dev.regent.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.OpenApiDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code outputSchema} of each tool, taken from the checked-in OpenAPI document's component schemas (the REST
 * API's documents, which the tools return as structured content), with every {@code $ref} inlined so a schema stands
 * alone. One source for both surfaces: a wire record that changes changes both, and the server's OpenAPI tests and
 * the MCP SDK's output validation both hold it to the document.
 * Every tool's schema also admits the error document ({@code {"error": {...}}}) that a bad input or denial returns.
 */
final class OutputSchemas {
    private static final String PREFIX = "#/components/schemas/";
    private static final Map<String, Object> COMPONENTS = components();

    private OutputSchemas() {
    }

    /** The schema a tool declares: what it returns on success, or the error document. */
    static Map<String, Object> tool(Map<String, Object> success) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("anyOf", List.of(success, component("Error")));
        return schema;
    }

    /** A component schema of the OpenAPI document ({@code Report}, {@code Version}, …), references inlined. */
    static Map<String, Object> component(String name) {
        Object schema = COMPONENTS.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("the OpenAPI document has no schema " + name);
        }
        return asMap(inline(schema, new ArrayList<>()));
    }

    /** An object schema closed to other properties, all of the given properties required. */
    static Map<String, Object> object(Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        schema.put("required", List.copyOf(properties.keySet()));
        return schema;
    }

    static Map<String, Object> type(String type) {
        return Map.of("type", type);
    }

    static Map<String, Object> arrayOf(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }

    static Map<String, Object> nullable(Map<String, Object> schema) {
        return Map.of("anyOf", List.of(schema, type("null")));
    }

    private static Object inline(Object node, List<String> path) {
        if (node instanceof Map<?, ?> map) {
            Object ref = map.get("$ref");
            if (ref instanceof String r && r.startsWith(PREFIX)) {
                String name = r.substring(PREFIX.length());
                if (path.contains(name)) {
                    throw new IllegalStateException("recursive schema " + path + " -> " + name + " cannot be inlined");
                }
                path.add(name);
                Object resolved = inline(COMPONENTS.get(name), path);
                path.remove(path.size() - 1);
                return resolved;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), inline(v, path)));
            if (copy.get("type") instanceof List<?> types) {
                // "type": [T, "null"] is legal but less portable (clients that map schemas onto one type per node
                // reject it): the same contract as anyOf branches of one type each
                copy.remove("type");
                copy.put("anyOf", types.stream().map(t -> (Object) Map.of("type", t)).toList());
            }
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(item -> inline(item, path)).toList();
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> components() {
        try {
            Map<String, Object> doc = new ObjectMapper().readValue(OpenApiDocument.text(), LinkedHashMap.class);
            return (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document", e);
        }
    }
}
