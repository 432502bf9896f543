package dev.regent.server.ui.view;

/** A webhook just created: its id, URL and signing secret, shown this once and never again. */
public record WebhookCreatedView(Frame frame, String id, String url, String secret) {
}
