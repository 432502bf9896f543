package dev.regent.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.regent.core.error.RegentException;
import dev.regent.core.input.InputLimits;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of the native API, shared by server and client: strict reading (unknown fields,
 * trailing tokens, duplicate keys, null primitives and scalar coercions are errors), bounded input
 * ({@link StreamReadConstraints}, numbers from {@link InputLimits}), and fields the server owns refused by name.
 */
public final class RegentJson {
    /** Deepest nesting of objects and arrays accepted; a 10,000-deep document fails at this depth, at once. */
    public static final int MAX_NESTING_DEPTH = InputLimits.JSON_MAX_DEPTH;
    /** Longest string value, in characters (descriptions are limited further by the core, to 64 KiB). */
    public static final int MAX_STRING_LENGTH = InputLimits.JSON_MAX_STRING_LENGTH;
    /** Longest number literal, in characters. */
    public static final int MAX_NUMBER_LENGTH = InputLimits.JSON_MAX_NUMBER_LENGTH;
    /** Longest property name, in characters. */
    public static final int MAX_NAME_LENGTH = InputLimits.JSON_MAX_NAME_LENGTH;
    /** Largest JSON document, in bytes: the server's default JSON body limit (1 MiB) matches it. */
    public static final long MAX_DOCUMENT_LENGTH = InputLimits.JSON_MAX_DOCUMENT_BYTES;

    /**
     * Fields the server sets itself; a request body naming one is refused with "'&lt;field&gt;' is set by the server",
     * not silently ignored, so that nobody believes they chose their own creator, time, stage or approver.
     */
    public static final Set<String> SERVER_OWNED = Set.of("created_by", "created_at", "updated_at", "stage", "number",
            "approver", "actor", "author", "set_by", "requester", "principal_name", "at", "seq", "id", "status",
            "review_digest", "asserted", "roles", "stored", "revoked", "revocation", "eval_report", "latest_version",
            "version", "aliases", "digest");

    private RegentJson() {
    }

    /** A new mapper with Regent's settings (a mapper is configured once and then only used). */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addHandler(new ServerOwnedFields())
                .build();
        // "1" is not 1, and 1.5 is not an int: no silent coercions between strings, numbers and booleans
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        return mapper;
    }

    /**
     * A message for a person about why a body did not read: the field path and what was wrong, or the line and
     * column of a syntax error. Never echoes more than a little of the input.
     */
    public static String describe(JsonProcessingException e) {
        RegentException inner = regentCause(e);
        if (inner != null) {
            return inner.getMessage();
        }
        if (e instanceof StreamConstraintsException) {
            return "the JSON document exceeds a limit: " + e.getOriginalMessage();
        }
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + path(u) + "'; known fields: " + u.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", "));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String message = m.getOriginalMessage();
            int cut = message.indexOf('\n');
            return "field '" + path(m) + "': " + (cut < 0 ? message : message.substring(0, cut));
        }
        if (e instanceof JsonParseException) {
            String message = e.getOriginalMessage();
            int cut = message.indexOf('\n');
            return "malformed JSON" + where + ": " + (cut < 0 ? message : message.substring(0, cut));
        }
        return "unreadable JSON" + where + ": " + e.getOriginalMessage();
    }

    /** A RegentException thrown by a request record's validation, if that is what failed. */
    public static RegentException regentCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegentException r) {
                return r;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "(document)" : b.toString();
    }

    /** Turns "unknown property" into "set by the server" for the fields the server owns. */
    private static final class ServerOwnedFields extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            if (SERVER_OWNED.contains(propertyName)) {
                throw RegentException.invalid("'" + propertyName + "' is set by the server and cannot be given in a request");
            }
            return false;
        }
    }
}
