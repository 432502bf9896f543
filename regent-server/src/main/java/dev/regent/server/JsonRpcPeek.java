package dev.regent.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Looks at a JSON-RPC message sent to {@code /mcp} without building it: whether it is a {@code resources/subscribe}
 * request and, if so, its id and URI. A first pass reads only the top-level {@code method} (skipping every other value,
 * so a large tool call costs a scan); only a subscribe is read whole. Duplicate keys count as the SDK reads them (the
 * last one). Anything that does not parse is left to the SDK, which refuses it.
 */
final class JsonRpcPeek {
    static final String SUBSCRIBE = "resources/subscribe";

    /** A subscribe request: its id (a number or a string, as sent) and the URI it names. */
    record Subscribe(Object id, String uri) {
    }

    /**
     * Reads what the SDK's reader reads (RegentMcpServer.jsonMapper: strings as long as a message, the same nesting and
     * number limits), so that a message this cannot read, the SDK cannot either.
     */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(dev.regent.mcp.RegentMcpServer.maxMessageBytes())
                    .maxNestingDepth(dev.regent.core.input.InputLimits.JSON_MAX_DEPTH)
                    .maxNumberLength(dev.regent.core.input.InputLimits.JSON_MAX_NUMBER_LENGTH)
                    .maxNameLength(dev.regent.core.input.InputLimits.JSON_MAX_NAME_LENGTH).build()).build());

    private JsonRpcPeek() {
    }

    static Optional<Subscribe> subscribe(byte[] body) {
        ObjectMapper json = JSON;
        try {
            if (!SUBSCRIBE.equals(method(json, body))) {
                return Optional.empty();
            }
            JsonNode message = json.readTree(body);
            JsonNode id = message.get("id");
            JsonNode uri = message.path("params").get("uri");
            return Optional.of(new Subscribe(id == null || id.isNull() ? null : id.isNumber() ? id.numberValue() : id.asText(),
                    uri == null || !uri.isTextual() ? null : uri.asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String method(ObjectMapper json, byte[] body) throws IOException {
        try (JsonParser p = json.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String method = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("method".equals(field)) {
                    method = value == JsonToken.VALUE_STRING ? p.getText() : null;
                } else {
                    p.skipChildren();
                }
            }
            return method;
        }
    }
}
