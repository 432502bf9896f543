package dev.regent.server.ui.view;

import dev.regent.core.model.ModelName;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The UI's paths to a model's pages. A model name may hold spaces, '%', '?', '+' and any script (MLflow's names do),
 * so it goes into a path as one percent-encoded segment; the server decodes it back before parsing the name.
 */
public final class ModelPaths {
    private ModelPaths() {
    }

    /** {@code /models/<encoded name>}. */
    public static String model(ModelName model) {
        return "/models/" + segment(model.value());
    }

    /** A path segment: URLEncoder's form encoding, with a space as %20 since '+' means '+' in a path. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
