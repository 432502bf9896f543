package dev.regent.core.registry;

import dev.regent.core.report.OperationReport;
import java.util.Optional;

/** The outcome of creating a webhook (or rotating its secret): the report, the id, and the secret when one was made. */
public record WebhookCreated(OperationReport report, String webhookId, Optional<String> secret) {
}
