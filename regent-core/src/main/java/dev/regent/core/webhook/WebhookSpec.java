package dev.regent.core.webhook;

import dev.regent.core.error.RegentException;
import dev.regent.core.event.EventType;
import dev.regent.core.model.ModelName;
import dev.regent.core.text.ReadableText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a webhook is asked to be: its URL (http or https, at most {@value #MAX_URL} characters, no user info, no
 * fragment), 1 to {@value #MAX_EVENTS} known event names (Regent's, MLflow's, or {@code *}), an optional model scope,
 * a body format and a description. Validated here, so the registry only ever sees well-formed subscriptions; whether
 * the destination may be reached is the {@link DestinationCheck}'s question.
 */
public record WebhookSpec(String url, Set<String> events, ModelName model, WebhookFormat format, String description) {
    public static final int MAX_URL = 2048;
    public static final int MAX_EVENTS = 64;
    public static final int MAX_DESCRIPTION = 500;

    public WebhookSpec {
        url = checkUrl(url);
        events = checkEvents(events);
        format = format == null ? WebhookFormat.REGENT : format;
        description = description == null ? "" : description;
        if (description.length() > MAX_DESCRIPTION || description.chars().anyMatch(Character::isISOControl)) {
            throw RegentException.invalid("a webhook description is at most " + MAX_DESCRIPTION
                    + " characters without control characters");
        }
        if (format == WebhookFormat.MLFLOW) {
            for (String e : events) {
                if (!e.equals(EventType.ALL) && java.util.Arrays.stream(EventType.values())
                        .noneMatch(t -> t.mlflowName().map(e::equals).orElse(false))) {
                    throw RegentException.invalid("event '" + e + "' has no MLflow form; a webhook in mlflow format "
                            + "subscribes to MLflow's events (registered_model.created, model_version.created, "
                            + "model_version_alias.created, model_version_alias.deleted) or *");
                }
            }
        }
    }

    /** The URL checked for shape: an absolute http(s) URL with a host, no user info and no fragment. */
    public static String checkUrl(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL) {
            throw RegentException.invalid("a webhook URL is 1 to " + MAX_URL + " characters");
        }
        // people read it in lists and reports: no character that changes how it displays
        ReadableText.require(url, "webhook URL");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw RegentException.invalid("'" + ReadableText.escapeInline(url) + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw RegentException.invalid("a webhook URL starts with https:// (or http:// to an allowed range), not '"
                    + ReadableText.escapeInline(url) + "'");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw RegentException.invalid("a webhook URL names a host, and has no user info and no fragment: '"
                    + ReadableText.escapeInline(url) + "'");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw RegentException.invalid("a webhook URL's port is 1 to 65535 (or left out), not " + uri.getPort() + ": '"
                    + ReadableText.escapeInline(url) + "'");
        }
        return url;
    }

    private static Set<String> checkEvents(Set<String> events) {
        if (events == null || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw RegentException.invalid("a webhook subscribes to 1 to " + MAX_EVENTS + " events (or *), e.g. "
                    + "model_version.stage_transitioned");
        }
        TreeSet<String> checked = new TreeSet<>();
        for (String e : events) {
            String name = e == null ? "" : e.trim();
            if (!EventType.known(name)) {
                throw RegentException.invalid("unknown event '" + ReadableText.escapeInline(name) + "'; events are "
                        + String.join(", ", java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toList())
                        + ", or *");
            }
            checked.add(name);
        }
        return checked;
    }
}
