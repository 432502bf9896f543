package dev.regent.server;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers: a status, and either a JSON document (rendered by the server's one mapper), text of a
 * content type, or a stream. Endpoints return replies instead of writing to the context, so that idempotent replays
 * can store exactly what was sent.
 */
public record Reply(int status, Object json, String text, InputStream stream, String contentType, Map<String, String> headers,
             Object replayJson, boolean hot) {
    public Reply {
        headers = new LinkedHashMap<>(headers);
    }

    public Reply(int status, Object json, String text, InputStream stream, String contentType, Map<String, String> headers,
                 Object replayJson) {
        this(status, json, text, stream, contentType, headers, replayJson, false);
    }

    /**
     * A hot read's 200: its JSON is rendered once per distinct value and the bytes kept ({@link RenderedBodies}), so
     * the body must be a value (records, lists, maps of them) whose equality means equal JSON.
     */
    public static Reply hot(Object body) {
        return new Reply(200, body, null, null, "application/json", Map.of(), null, true);
    }

    public static Reply json(int status, Object body) {
        return new Reply(status, body, null, null, "application/json", Map.of(), null);
    }

    public static Reply ok(Object body) {
        return json(200, body);
    }

    static Reply text(int status, String contentType, String text) {
        return new Reply(status, null, text, null, contentType, Map.of(), null);
    }

    static Reply stream(String contentType, InputStream stream) {
        return new Reply(200, null, null, stream, contentType, Map.of(), null);
    }

    public Reply header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, json, text, stream, contentType, copy, replayJson, hot);
    }

    /** The JSON an idempotent replay answers with instead of {@code json} (e.g. without a secret shown once). */
    Reply replayWith(Object body) {
        return new Reply(status, json, text, stream, contentType, headers, body, hot);
    }
}
