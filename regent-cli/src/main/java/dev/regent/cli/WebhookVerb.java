package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.api.WebhookWires;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.ReportText;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.error.RegentException;
import dev.regent.core.registry.WebhookCreated;
import picocli.CommandLine.Parameters;

/** What the webhook verbs share: the webhook id argument, the access for the session's mode, and printing. */
abstract class WebhookVerb extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The webhook's id (wh_…; see 'regent webhook list').")
    String id;

    @Override
    void prepare(MissingInputs inputs) {
        id = inputs.require("ID", id);
    }

    @Override
    void validate() {
        if (!id.matches("wh_[0-9a-f]{16}")) {
            throw RegentException.invalid("invalid webhook id '" + dev.regent.core.text.ReadableText.escapeInline(id)
                    + "': expected wh_ and 16 hex digits (see 'regent webhook list')");
        }
    }

    WebhookAccess access(Session session) {
        return WebhookAccess.of(session, root());
    }

    int created(WebhookCreated created) {
        return created(created, json(), out());
    }

    /** The report, then the secret on a line of its own when one was made (shown once). */
    static int created(WebhookCreated created, boolean json, java.io.PrintWriter out) {
        if (json) {
            var node = Json.object();
            node.put("id", created.webhookId());
            created.secret().ifPresentOrElse(s -> node.put("secret", s), () -> node.putNull("secret"));
            node.set("report", JsonViews.report(created.report()));
            Json.print(node, out);
            return exitCode(created.report());
        }
        ReportText.print(created.report(), out);
        created.secret().ifPresent(secret -> {
            out.println();
            out.println("Webhook: " + created.webhookId());
            out.println("Signing secret: " + secret);
            out.println("(shown once: configure your receiver with it now)");
            out.flush();
        });
        return exitCode(created.report());
    }

    void print(WebhookWires.Webhook w) {
        out().println(w.id() + "  " + (w.enabled() ? "enabled" : "disabled") + (w.flaggedAt() == null ? "" : ", FLAGGED")
                + "  " + w.url());
        out().println("  events: " + String.join(", ", w.events()) + "   model: " + (w.model() == null ? "* (all)" : w.model())
                + "   format: " + w.format());
        if (w.flaggedAt() != null) {
            out().println("  flagged " + w.flaggedAt() + ": " + w.flagReason());
        }
        if (w.previousSecretUntil() != null) {
            out().println("  previous secret also signs until " + w.previousSecretUntil());
        }
        if (!w.description().isEmpty()) {
            out().println("  " + w.description());
        }
    }
}
