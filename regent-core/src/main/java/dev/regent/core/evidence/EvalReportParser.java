package dev.regent.core.evidence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.input.InputLimits;
import dev.regent.core.model.Metrics;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads an eval report file (schema in docs/eval-report.md) into an {@link EvalReport}:
 * <pre>
 * {"metrics": {"auc": 0.93, ...},   required, non-empty: metric name to finite number
 *  "dataset": "name@version",        required
 *  "passed": true,                   optional (null means absent)
 *  "thresholds": {"auc": "&gt;= 0.9"}}  optional: name to text or number; checked, then dropped, because the
 *                                    registry tests metrics against its own policy, never the report's claim
 * </pre>
 * Any other top-level key is refused. Every failure is INVALID_ARGUMENT naming the field (in details "field").
 */
public final class EvalReportParser {
    /** The largest report accepted, in bytes. */
    public static final int MAX_BYTES = InputLimits.EVAL_REPORT_MAX_BYTES;
    private static final int MAX_NAME_LENGTH = 250;
    private static final int MAX_DATASET_LENGTH = 500;
    private static final int MAX_THRESHOLD_LENGTH = 250;
    private static final Set<String> KEYS = Set.of("metrics", "dataset", "passed", "thresholds");
    private static final Pattern DATASET = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(InputLimits.EVAL_REPORT_MAX_DEPTH)
                            .maxStringLength(InputLimits.EVAL_REPORT_MAX_STRING_LENGTH)
                            .maxNameLength(InputLimits.JSON_MAX_NAME_LENGTH)
                            .maxNumberLength(InputLimits.JSON_MAX_NUMBER_LENGTH)
                            .maxDocumentLength(MAX_BYTES)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EvalReportParser() {
    }

    /** Parses and validates the report's bytes (JSON, UTF-8). */
    public static EvalReport parse(byte[] json) {
        if (json == null || json.length == 0) {
            throw error("the eval report is empty", "");
        }
        if (json.length > MAX_BYTES) {
            throw error("the eval report is " + json.length + " bytes; the limit is " + MAX_BYTES, "");
        }
        JsonNode root = read(json);
        if (root == null || !root.isObject()) {
            throw error("the eval report must be a JSON object with 'metrics' and 'dataset'", "");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw error("unknown field '" + printable(name) + "'; the known fields are dataset, metrics, passed, "
                        + "thresholds", name);
            }
        }
        Metrics metrics = metrics(root.get("metrics"));
        String dataset = dataset(root.get("dataset"));
        Boolean passed = passed(root.get("passed"));
        thresholds(root.get("thresholds"));
        return new EvalReport(metrics, dataset, passed);
    }

    private static JsonNode read(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            Map<String, Object> details = new LinkedHashMap<>();
            String where = "";
            if (loc != null && loc.getLineNr() > 0) {
                details.put("line", loc.getLineNr());
                details.put("column", loc.getColumnNr());
                where = " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            }
            throw new RegentException(ErrorCode.INVALID_ARGUMENT,
                    "invalid eval report: malformed JSON" + where + ": " + e.getOriginalMessage(), details);
        } catch (IOException e) {
            throw error("unreadable JSON: " + e.getMessage(), "");
        }
    }

    private static Metrics metrics(JsonNode node) {
        if (node == null || node.isNull()) {
            throw error("'metrics' is required", "metrics");
        }
        if (!node.isObject()) {
            throw error("'metrics' must be an object of metric name to number", "metrics");
        }
        if (node.isEmpty()) {
            throw error("'metrics' must not be empty", "metrics");
        }
        if (node.size() > Metrics.MAX_METRICS) {
            throw error("'metrics' has " + node.size() + " entries; the limit is " + Metrics.MAX_METRICS, "metrics");
        }
        TreeMap<String, Double> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = "metrics." + printable(e.getKey());
            checkName(e.getKey(), field);
            JsonNode v = e.getValue();
            if (!v.isNumber()) {
                throw error("'" + field + "' must be a finite number, got " + kind(v), field);
            }
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                throw error("'" + field + "' must be a finite number, got " + v.asText(), field);
            }
            values.put(e.getKey(), d);
        }
        try {
            return new Metrics(values);
        } catch (RegentException e) {
            throw error(e.getMessage(), "metrics");
        }
    }

    private static String dataset(JsonNode node) {
        if (node == null || node.isNull()) {
            throw error("'dataset' is required, as \"name@version\"", "dataset");
        }
        if (!node.isTextual()) {
            throw error("'dataset' must be a string \"name@version\", got " + kind(node), "dataset");
        }
        String dataset = node.textValue();
        if (dataset.length() > MAX_DATASET_LENGTH) {
            throw error("'dataset' is longer than " + MAX_DATASET_LENGTH + " characters", "dataset");
        }
        if (!DATASET.matcher(dataset).matches() || hasControl(dataset)) {
            throw error("'dataset' must be \"name@version\" without spaces, got '" + printable(dataset) + "'",
                    "dataset");
        }
        return dataset;
    }

    private static Boolean passed(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw error("'passed' must be true or false, got " + kind(node), "passed");
        }
        return node.booleanValue();
    }

    private static void thresholds(JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw error("'thresholds' must be an object of metric name to text or number", "thresholds");
        }
        if (node.size() > Metrics.MAX_METRICS) {
            throw error("'thresholds' has " + node.size() + " entries; the limit is " + Metrics.MAX_METRICS,
                    "thresholds");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = "thresholds." + printable(e.getKey());
            checkName(e.getKey(), field);
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                if (v.textValue().length() > MAX_THRESHOLD_LENGTH || hasControl(v.textValue())) {
                    throw error("'" + field + "' must be at most " + MAX_THRESHOLD_LENGTH
                            + " characters without control characters", field);
                }
            } else if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw error("'" + field + "' must be text or a finite number, got " + kind(v), field);
            }
        }
    }

    private static void checkName(String name, String field) {
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || hasControl(name) || name.contains("=")
                || !name.strip().equals(name)) {
            throw error("'" + field + "' is not a valid metric name: 1 to " + MAX_NAME_LENGTH
                    + " characters, no control characters, no '=', no leading or trailing spaces", field);
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.asText();
    }

    private static String printable(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder();
        shown.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static RegentException error(String message, String field) {
        Map<String, Object> details = field.isEmpty() ? Map.of() : Map.of("field", field);
        return new RegentException(ErrorCode.INVALID_ARGUMENT, "invalid eval report: " + message, details);
    }
}
