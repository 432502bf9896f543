package dev.regent.server.ui.view;

import dev.regent.api.WebhookWires;
import java.util.List;

/**
 * One webhook's page: its settings and its delivery history, newest first, with every attempt; {@code older} pages on;
 * {@code ping} (nullable) is a test ping just sent (not stored), shown first.
 */
public record WebhookView(Frame frame, WebhookWires.Webhook webhook, List<WebhookWires.Delivery> deliveries, String older,
                          WebhookWires.Delivery ping) {
    /** The audit entry a delivery's event is (its model's part of the log, where the viewer may read it). */
    public String auditLink(WebhookWires.Delivery d) {
        String model = d.model() == null ? "" : "model=" + java.net.URLEncoder.encode(d.model(), java.nio.charset.StandardCharsets.UTF_8) + "&";
        return "/audit?" + model + "before=" + (d.seq() + 1) + "#seq-" + d.seq();
    }
}
