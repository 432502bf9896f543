package dev.regent.server.ui;

import dev.regent.core.error.RegentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Links from a version's run id to the tracking server's page for that run, made from the operator's template
 * ({@code regent serve --run-url 'https://mlflow.example/#/experiments/0/runs/{run_id}'}). Only http and https
 * templates are accepted, and the run id (a value anyone who registers a version chooses) is percent-encoded into
 * the placeholder, so it can neither change the link's scheme or host nor break out of its place in the URL.
 */
public final class RunLinks {
    public static final String PLACEHOLDER = "{run_id}";
    public static final RunLinks NONE = new RunLinks(null);
    private static final int MAX_TEMPLATE = 2000;

    private final String template;

    private RunLinks(String template) {
        this.template = template;
    }

    /** The template checked, or {@link #NONE} for null or blank; INVALID_ARGUMENT with what to fix otherwise. */
    public static RunLinks of(String template) {
        if (template == null || template.isBlank()) {
            return NONE;
        }
        String t = template.trim();
        if (t.length() > MAX_TEMPLATE || t.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw RegentException.invalid("the run URL template must be at most " + MAX_TEMPLATE
                    + " characters without spaces or control characters");
        }
        if (!t.contains(PLACEHOLDER)) {
            throw RegentException.invalid("the run URL template must contain " + PLACEHOLDER
                    + ", e.g. 'https://mlflow.example/#/experiments/0/runs/{run_id}'");
        }
        try {
            URI uri = new URI(t.replace(PLACEHOLDER, "x"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw RegentException.invalid("the run URL template must be an http or https URL with a host, got '"
                        + dev.regent.core.text.ReadableText.escapeInline(t) + "'");
            }
        } catch (URISyntaxException e) {
            throw RegentException.invalid("the run URL template is not a URL: " + e.getReason());
        }
        return new RunLinks(t);
    }

    /** The template as given, when there is one. */
    public Optional<String> template() {
        return Optional.ofNullable(template);
    }

    /** The link for a run id, or empty when no template is set or the version has no run id. */
    public Optional<String> link(String runId) {
        if (template == null || runId == null || runId.isBlank()) {
            return Optional.empty();
        }
        // every character that is not unreserved is encoded ('/', '#', '?', '&', ':' too), spaces as %20
        String encoded = URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20");
        return Optional.of(template.replace(PLACEHOLDER, encoded));
    }

    /**
     * A source URI as a link target: only when it is http or https (so never {@code javascript:} or {@code data:}),
     * else empty and the page shows the text alone.
     */
    public static Optional<String> sourceLink(String source) {
        if (source == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(source);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    ? Optional.of(uri.toASCIIString()) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
