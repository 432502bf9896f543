package dev.regent.server.ui.view;

import dev.regent.api.WebhookWires;
import java.util.List;

/**
 * The webhooks page: the webhooks the caller administers (never their secrets), whether to offer the form creating
 * one (to principals who administer something: the registry says which models), and the event names to choose from.
 */
public record WebhooksView(Frame frame, List<WebhookWires.Webhook> webhooks, boolean canCreate, List<String> eventNames) {
}
