package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.api.OpenApiDocument;
import dev.regent.api.RegentJson;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the server's routes match exactly: neither has a route the other lacks. */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options", "trace");

    @Test
    void documentAndRoutesMatch() throws Exception {
        JsonNode doc = RegentJson.newMapper().readTree(OpenApiDocument.text());
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    documented.add(m.toUpperCase() + " " + path.getKey());
                }
            });
        }
        Set<String> served = new TreeSet<>(RegentServer.routes());
        assertThat(documented).as("documented but not served").isSubsetOf(served);
        assertThat(served).as("served but not documented").isSubsetOf(documented);
    }

    @Test
    void everyReferencedSchemaExists() throws Exception {
        String text = OpenApiDocument.text();
        JsonNode schemas = RegentJson.newMapper().readTree(text).get("components").get("schemas");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("#/components/schemas/(\\w+)").matcher(text);
        while (m.find()) {
            assertThat(schemas.has(m.group(1))).as(m.group(1)).isTrue();
        }
    }
}
