package dev.regent.api.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.core.error.RegentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one MLflow request, read as MLflow's server reads them: from the JSON body for POST, PATCH and
 * DELETE, from the query string for GET (repeated parameters for lists). Unknown parameters are ignored (newer
 * clients send fields older servers lack); a wrong type or a missing required parameter is INVALID_ARGUMENT with
 * MLflow's wording.
 */
public final class MlflowParams {
    private final JsonNode body;
    private final Map<String, List<String>> query;

    private MlflowParams(JsonNode body, Map<String, List<String>> query) {
        this.body = body;
        this.query = query;
    }

    /** Parameters of a request with a JSON body (an object). */
    public static MlflowParams ofBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw RegentException.invalid("the request body must be a JSON object");
        }
        return new MlflowParams(body, null);
    }

    /** Parameters of a GET request, from its query string. */
    public static MlflowParams ofQuery(Map<String, List<String>> query) {
        return new MlflowParams(null, Map.copyOf(query));
    }

    /** A required string parameter; INVALID_ARGUMENT naming it when missing or empty. */
    public String required(String name) {
        String value = optional(name);
        if (value == null || value.isEmpty()) {
            throw RegentException.invalid("Missing value for required parameter '" + name + "'. See the API docs for more "
                    + "information about request parameters.");
        }
        return value;
    }

    /** A string parameter, or null when absent. */
    public String optional(String name) {
        if (body != null) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw wrongType(name, v, "a string");
            }
            return v.textValue();
        }
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A repeated string parameter (a JSON array, or the query parameter given several times); empty when absent. */
    public List<String> strings(String name) {
        if (body != null) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw wrongType(name, v, "a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw wrongType(name, v, "a list of strings");
                }
                out.add(item.textValue());
            }
            return out;
        }
        return List.copyOf(query.getOrDefault(name, List.of()));
    }

    /** A boolean parameter, or {@code absent} when not given. */
    public boolean bool(String name, boolean absent) {
        if (body != null) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) {
                return absent;
            }
            if (!v.isBoolean()) {
                throw wrongType(name, v, "a boolean");
            }
            return v.booleanValue();
        }
        String raw = optional(name);
        if (raw == null) {
            return absent;
        }
        if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
            throw RegentException.invalid("Invalid value '" + raw + "' for parameter '" + name + "' supplied: expected true or false");
        }
        return Boolean.parseBoolean(raw);
    }

    /** An integer parameter, or {@code absent} when not given. */
    public long integer(String name, long absent) {
        if (body != null) {
            JsonNode v = body.get(name);
            if (v == null || v.isNull()) {
                return absent;
            }
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
            if (v.isTextual() && v.textValue().matches("-?[0-9]{1,18}")) {
                return Long.parseLong(v.textValue()); // proto3 JSON writes int64 as strings
            }
            throw wrongType(name, v, "an integer");
        }
        String raw = optional(name);
        if (raw == null) {
            return absent;
        }
        if (!raw.matches("-?[0-9]{1,18}")) {
            throw RegentException.invalid("Invalid value '" + raw + "' for parameter '" + name + "' supplied: expected an integer");
        }
        return Long.parseLong(raw);
    }

    /** The {@code tags} parameter: a list of {@code {"key", "value"}} objects (POST bodies only). */
    public List<MlflowTag> tags() {
        if (body == null || body.get("tags") == null || body.get("tags").isNull()) {
            return List.of();
        }
        JsonNode v = body.get("tags");
        if (!v.isArray()) {
            throw wrongType("tags", v, "a list of {\"key\": …, \"value\": …} objects");
        }
        List<MlflowTag> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isObject() || item.get("key") == null || !item.get("key").isTextual()
                    || (item.get("value") != null && !item.get("value").isNull() && !item.get("value").isTextual())) {
                throw RegentException.invalid("Invalid value for parameter 'tags' supplied: each tag must be "
                        + "{\"key\": \"…\", \"value\": \"…\"} with string key and value");
            }
            JsonNode value = item.get("value");
            out.add(new MlflowTag(item.get("key").textValue(), value == null || value.isNull() ? "" : value.textValue()));
        }
        return out;
    }

    private static RegentException wrongType(String name, JsonNode v, String expected) {
        String shown = v.toString();
        return RegentException.invalid("Invalid value " + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown)
                + " for parameter '" + name + "' supplied: expected " + expected);
    }
}
