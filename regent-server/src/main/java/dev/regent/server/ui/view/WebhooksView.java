package dev.regent.server.ui.view;

import dev.regent.api.WebhookWires;
import java.util.List;

/** The webhooks page: the webhooks the caller administers (never their secrets). */
public record WebhooksView(Frame frame, List<WebhookWires.Webhook> webhooks) {
}
