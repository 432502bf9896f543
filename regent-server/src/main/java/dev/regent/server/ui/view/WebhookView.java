package dev.regent.server.ui.view;

import dev.regent.api.WebhookWires;
import java.util.List;

/**
 * One webhook's page: its settings and its delivery history, newest first, with every attempt; {@code older} pages on;
 * {@code ping} (nullable) is a test ping just sent (not stored), shown first.
 */
public record WebhookView(Frame frame, WebhookWires.Webhook webhook, List<WebhookWires.Delivery> deliveries, String older,
                          WebhookWires.Delivery ping) {
}
