package dev.regent.core.registry;

import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import dev.regent.core.webhook.DestinationCheck;
import dev.regent.core.webhook.Webhook;
import dev.regent.core.webhook.WebhookSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates a webhook: admins for registry-wide ones, a model's admins for the model's. The destination must pass the
 * transport's address policy; the secret leaves the registry once, in {@link #secret()}, and never enters the audit
 * log or the report.
 */
final class CreateWebhook extends Mutation {
    private final Principal actor;
    private final WebhookSpec spec;
    private final DestinationCheck destinations;
    private final String id;
    private final String secret;

    CreateWebhook(Principal actor, WebhookSpec spec, DestinationCheck destinations, String id, String secret) {
        this.actor = actor;
        this.spec = spec;
        this.destinations = destinations;
        this.id = id;
        this.secret = secret;
    }

    String id() {
        return id;
    }

    String secret() {
        return secret;
    }

    @Override
    ModelName model() {
        return spec.model();
    }

    @Override
    Principal actor() {
        return actor;
    }

    @Override
    Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        List<Finding> checks = new ArrayList<>();
        if (spec.model() != null) {
            checks.add(tx.findModel(spec.model()).isPresent() ? Finding.pass("model exists", spec.model().value())
                    : Finding.fail("model exists", "model '" + spec.model() + "' not found (see 'regent model list')"));
        }
        checks.add(WebhookFindings.destination(destinations, spec.url()));
        return new Plan("webhook create", List.of(
                "Create webhook " + id + " sending " + String.join(", ", spec.events()) + " events"
                        + (spec.model() == null ? " of every model" : " of model '" + spec.model() + "'") + " to "
                        + spec.url() + " in " + spec.format().label() + " format.",
                "Generate a 256-bit signing secret and show it once.",
                "Record a webhook.create audit entry (no secret)."), checks);
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        Webhook webhook = new Webhook(id, spec.url(), spec.events(), spec.model(), spec.format(), spec.description(), secret,
                null, null, true, null, null, actor, now, now);
        tx.insertWebhook(webhook);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.WEBHOOK_CREATE, AuditTarget.webhook(id),
                AuditOutcome.APPLIED, spec.description(), null, WebhookFindings.state(webhook));
        return new Applied(List.of(new Change("webhook", id, "created -> " + spec.url())), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<Webhook> stored = tx.findWebhook(id);
        return List.of(Expect.equal("webhook url", spec.url(), stored.map(Webhook::url).orElse(null)),
                Expect.equal("webhook events", spec.events(), stored.map(Webhook::events).orElse(null)),
                Expect.that("webhook enabled", stored.map(Webhook::enabled).orElse(false), id));
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent webhook delete " + id, "");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.WEBHOOK_CREATE, AuditTarget.webhook(id), spec.description(), why);
    }

    @Override
    String appliedSummary() {
        return "Created webhook " + id + " to " + spec.url() + ". Its signing secret is shown once; keep it safe.";
    }

    @Override
    String plannedSummary() {
        return "webhook " + id + " to " + spec.url() + " would be created.";
    }
}
