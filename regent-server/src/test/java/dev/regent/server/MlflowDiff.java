package dev.regent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The differential test's data and rules: the recorded MLflow sequence (steps.json, recording.json), the same
 * normalization record.py applies (times → the step that took them, user ids, uuids, page tokens; lists whose order
 * MLflow leaves unspecified sorted), a flattening of answers into path → value, and the divergence list
 * (divergences.json) that explains each allowed difference.
 */
final class MlflowDiff {
    static final String DIR = "/mlflow-diff/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{32}");

    private MlflowDiff() {
    }

    /** One request of the sequence: "body" as JSON, "raw" as text, or "gen" an oversized generated document. */
    record Step(String id, String part, String method, String path, JsonNode spec) {
        String body() {
            if (spec.has("gen")) {
                int n = spec.get("gen").get("n").asInt();
                return switch (spec.get("gen").get("kind").asText()) {
                    case "nested" -> "{\"name\":" + "[".repeat(n) + "]".repeat(n) + "}";
                    case "digits" -> "{\"name\":\"x\",\"description\":" + "9".repeat(n) + "}";
                    default -> throw new IllegalArgumentException(spec.toString());
                };
            }
            if (spec.has("raw")) {
                return spec.get("raw").asText();
            }
            return spec.has("body") ? spec.get("body").toString() : null;
        }
    }

    /** One allowed difference: answers of these steps ("*" for all) may differ at paths matching these globs. */
    record Rule(String id, String kind, List<String> steps, List<String> paths, String reason) {
        boolean covers(String step, String path) {
            return (steps.contains("*") || steps.contains(step)) && paths.stream().anyMatch(p -> glob(p).matcher(path).matches());
        }

        boolean global() {
            return steps.contains("*");
        }
    }

    static JsonNode resource(String name) {
        try (InputStream in = MlflowDiff.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Step> steps() {
        return StreamSupport.stream(resource("steps.json").get("steps").spliterator(), false)
                .map(s -> new Step(s.get("id").asText(), s.get("part").asText(), s.get("method").asText(),
                        s.get("path").asText(), s)).toList();
    }

    /** MLflow's recorded answer per step id. */
    static Map<String, JsonNode> recording() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        resource("recording.json").get("records").forEach(r -> out.put(r.get("id").asText(), r.get("answer")));
        return out;
    }

    static List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        resource("divergences.json").get("rules").forEach(r -> out.add(new Rule(r.get("id").asText(), r.get("kind").asText(),
                strings(r.get("steps")), strings(r.get("paths")), r.get("reason").asText())));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** The answer as record.py writes it: {"status", "body"} when the body is JSON, {"status", "text"} otherwise. */
    static JsonNode answer(int status, String text, LongFunction<String> ownerOfTime) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", status);
        try {
            out.set("body", normalize(JSON.readTree(text), ownerOfTime, null));
        } catch (IOException e) {
            out.put("text", text.length() > 300 ? text.substring(0, 300) : text);
        }
        return out;
    }

    /** record.py's normalize, node for node. */
    static JsonNode normalize(JsonNode value, LongFunction<String> ownerOfTime, String key) {
        if (value == null || value.isMissingNode()) {
            return TextNode.valueOf("");
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(e -> out.set(e.getKey(), normalize(e.getValue(), ownerOfTime, e.getKey())));
            sort(out, "tags", n -> n.isObject() ? n.path("key").asText() : n.asText());
            sort(out, "aliases", n -> n.isObject() ? n.path("alias").asText() : n.asText());
            if (out.get("latest_versions") instanceof ArrayNode a) {
                List<JsonNode> items = new ArrayList<>();
                a.forEach(items::add);
                items.sort(Comparator.comparingLong(n -> Long.parseLong(n.path("version").asText("0"))));
                out.set("latest_versions", JsonNodeFactory.instance.arrayNode().addAll(items));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> out.add(normalize(v, ownerOfTime, key)));
            return out;
        }
        if ("creation_timestamp".equals(key) || "last_updated_timestamp".equals(key)) {
            return TextNode.valueOf(ownerOfTime.apply(Long.parseLong(value.asText())));
        }
        if ("user_id".equals(key) && !value.asText().isEmpty()) {
            return TextNode.valueOf("<user>");
        }
        if ("next_page_token".equals(key) && !value.asText().isEmpty()) {
            return TextNode.valueOf("<token>");
        }
        if (value.isTextual() && UUID.matcher(value.asText()).matches()) {
            return TextNode.valueOf("<uuid>");
        }
        return value;
    }

    private static void sort(ObjectNode node, String field, java.util.function.Function<JsonNode, String> by) {
        if (node.get(field) instanceof ArrayNode a) {
            List<JsonNode> items = new ArrayList<>();
            a.forEach(items::add);
            items.sort(Comparator.comparing(by));
            node.set(field, JsonNodeFactory.instance.arrayNode().addAll(items));
        }
    }

    /** Every leaf as path → JSON text (paths like {@code body.model_versions[0].current_stage}). */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(node, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String path, Map<String, String> out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(e -> flatten(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.put(path, node.toString());
        }
    }

    /** The paths at which two answers differ (a path present on one side only included). */
    static Set<String> differences(JsonNode expected, JsonNode actual) {
        Map<String, String> e = flatten(expected);
        Map<String, String> a = flatten(actual);
        Set<String> paths = new LinkedHashSet<>(e.keySet());
        paths.addAll(a.keySet());
        paths.removeIf(p -> java.util.Objects.equals(e.get(p), a.get(p)));
        return paths;
    }

    /** A glob over paths: {@code *} is any run of characters (dots and brackets included). */
    static Pattern glob(String glob) {
        return Pattern.compile(java.util.Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*")));
    }
}
