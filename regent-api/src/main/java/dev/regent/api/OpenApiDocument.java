package dev.regent.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The checked-in OpenAPI 3.1 document of the native API ({@code openapi.json} in this module's resources). */
public final class OpenApiDocument {
    /** Where the server serves it. */
    public static final String PATH = "/api/v1/openapi.json";
    private static final String RESOURCE = "/openapi.json";

    private OpenApiDocument() {
    }

    /** The document's text. */
    public static String text() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from regent-api's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
