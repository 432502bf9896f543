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
import dev.regent.core.webhook.Webhook;
import java.time.Instant;
import java.util.List;

/** Deletes a webhook: nothing more is sent to it (pending deliveries included); its delivery history stays. */
final class DeleteWebhook extends Mutation {
    private final Principal actor;
    private final Webhook webhook;

    DeleteWebhook(Principal actor, Webhook webhook) {
        this.actor = actor;
        this.webhook = webhook;
    }

    @Override
    ModelName model() {
        return webhook.model();
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
        boolean exists = tx.findWebhook(webhook.id()).isPresent();
        return new Plan("webhook delete", List.of("Delete webhook " + webhook.id() + " (" + webhook.url() + "); pending "
                        + "deliveries to it are not sent.", "Keep its delivery history.", "Record a webhook.delete audit entry."),
                List.of(exists ? Finding.pass("webhook exists", webhook.id())
                        : Finding.fail("webhook exists", "webhook " + webhook.id() + " is already deleted")));
    }

    @Override
    dev.regent.core.error.ErrorCode refusalCode() {
        return dev.regent.core.error.ErrorCode.NOT_FOUND;
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.deleteWebhook(webhook.id(), now);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.WEBHOOK_DELETE, AuditTarget.webhook(webhook.id()),
                AuditOutcome.APPLIED, "", WebhookFindings.state(webhook), null);
        return new Applied(List.of(new Change("webhook", webhook.id(), "deleted")), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        return List.of(Expect.that("webhook deleted", tx.findWebhook(webhook.id()).isEmpty(), webhook.id()));
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent webhook create --url " + webhook.url() + " --events "
                + String.join(",", new java.util.TreeSet<>(webhook.events()))
                + (webhook.model() == null ? "" : " --model " + webhook.model()), "A new webhook gets a new id and secret.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.WEBHOOK_DELETE, AuditTarget.webhook(webhook.id()), "", why);
    }

    @Override
    String appliedSummary() {
        return "Deleted webhook " + webhook.id() + ".";
    }

    @Override
    String plannedSummary() {
        return "webhook " + webhook.id() + " would be deleted.";
    }
}
