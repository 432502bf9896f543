package dev.regent.server.ui;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.server.ui.view.ModelPaths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The UI's URLs, built in one place: model names as encoded path segments ({@link ModelPaths}), query values encoded. */
final class Links {
    private Links() {
    }

    static String model(ModelName model) {
        return ModelPaths.model(model);
    }

    static String version(ModelName model, VersionNumber number) {
        return model(model) + "/versions/" + number;
    }

    /** A path with its non-empty query parameters, in the order given. */
    static String withQuery(String path, Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return query.length() == 0 ? path : path + "?" + query;
    }

    static Map<String, String> params(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    /**
     * Where to go after signing in: only a path on this site (one leading slash, no scheme or host), so the sign-in
     * form cannot be made to redirect elsewhere.
     */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || next.length() > 2000) {
            return "/";
        }
        return next;
    }
}
