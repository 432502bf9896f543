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
import dev.regent.core.webhook.WebhookUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Changes a webhook: its URL (checked against the address policy again), events, format, description, enabled (which
 * also clears a flag), or its secret (rotated with an overlap during which both secrets sign). The new secret, if any,
 * leaves the registry once, in {@link #secret()}.
 */
final class UpdateWebhook extends Mutation {
    private final Principal actor;
    private final Webhook current;
    private final WebhookUpdate update;
    private final DestinationCheck destinations;
    private final String newSecret;
    private Webhook next;

    UpdateWebhook(Principal actor, Webhook current, WebhookUpdate update, DestinationCheck destinations, String newSecret) {
        this.actor = actor;
        this.current = current;
        this.update = update;
        this.destinations = destinations;
        this.newSecret = newSecret;
    }

    Optional<String> secret() {
        return update.rotateOverlap() == null ? Optional.empty() : Optional.of(newSecret);
    }

    @Override
    ModelName model() {
        return current.model();
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
        Webhook stored = tx.findWebhook(current.id()).orElseThrow(() -> dev.regent.core.error.RegentException.notFound(
                "webhook " + current.id() + " not found (see 'regent webhook list')"));
        next = changed(stored, null);
        List<Finding> checks = new ArrayList<>();
        if (update.url() != null) {
            checks.add(WebhookFindings.destination(destinations, update.url()));
        }
        List<String> steps = new ArrayList<>();
        SortedMap<String, String> before = WebhookFindings.state(stored);
        WebhookFindings.state(next).forEach((k, v) -> {
            if (!v.equals(before.get(k)) && !k.equals("previous_secret_until")) {
                steps.add("Set " + k + " of webhook " + stored.id() + " from '" + before.getOrDefault(k, "") + "' to '" + v + "'.");
            }
        });
        if (update.enabled() != null && update.enabled() && stored.flagged()) {
            steps.add("Clear the flag of webhook " + stored.id() + " (" + stored.flagReason() + ").");
        }
        if (update.rotateOverlap() != null) {
            steps.add("Generate a new signing secret, shown once; the old one also signs for " + update.rotateOverlap() + ".");
        }
        steps.add("Record a webhook.update audit entry (no secret).");
        return new Plan("webhook update", steps, checks);
    }

    @Override
    Optional<String> alreadyInPlace() {
        if (next == null || update.rotateOverlap() != null) {
            return Optional.empty();
        }
        Webhook stored = current;
        boolean same = WebhookFindings.state(next).equals(WebhookFindings.state(stored)) && next.flagged() == stored.flagged();
        return same ? Optional.of("Webhook " + stored.id() + " is already like that") : Optional.empty();
    }

    private Webhook changed(Webhook w, Instant now) {
        Instant at = now == null ? w.updatedAt() : now;
        WebhookSpec spec = new WebhookSpec(update.url() == null ? w.url() : update.url(),
                update.events() == null ? w.events() : update.events(), w.model(),
                update.format() == null ? w.format() : update.format(),
                update.description() == null ? w.description() : update.description());
        boolean enabled = update.enabled() == null ? w.enabled() : update.enabled();
        boolean clearFlag = Boolean.TRUE.equals(update.enabled());
        String secret = w.secret();
        String previous = w.previousSecret();
        Instant previousUntil = w.previousSecretUntil();
        if (update.rotateOverlap() != null) {
            previous = w.secret();
            previousUntil = at.plus(update.rotateOverlap());
            secret = newSecret;
        }
        return new Webhook(w.id(), spec.url(), spec.events(), w.model(), spec.format(), spec.description(), secret, previous,
                previousUntil, enabled, clearFlag ? null : w.flaggedAt(), clearFlag ? null : w.flagReason(), w.createdBy(),
                w.createdAt(), at);
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        Webhook stored = tx.findWebhook(current.id()).orElseThrow();
        next = changed(stored, now);
        tx.updateWebhook(next);
        SortedMap<String, String> after = WebhookFindings.state(next);
        if (update.rotateOverlap() != null) {
            after.put("secret", "rotated");
        }
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.WEBHOOK_UPDATE, AuditTarget.webhook(stored.id()),
                AuditOutcome.APPLIED, "", WebhookFindings.state(stored), after);
        List<Change> changes = new ArrayList<>();
        SortedMap<String, String> before = WebhookFindings.state(stored);
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                changes.add(new Change("webhook", stored.id(), k + ": " + before.getOrDefault(k, "") + " -> " + v));
            }
        });
        return new Applied(changes, List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<Webhook> stored = tx.findWebhook(current.id());
        return List.of(Expect.equal("webhook state", WebhookFindings.state(next), stored.map(WebhookFindings::state).orElse(null)));
    }

    @Override
    Rollback rollback() {
        if (update.rotateOverlap() != null) {
            return Rollback.nothing("A rotated secret cannot be restored; rotate again to replace it.");
        }
        return Rollback.by("regent webhook update " + current.id() + " (with the previous values)", "");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.WEBHOOK_UPDATE, AuditTarget.webhook(current.id()), "", why);
    }

    @Override
    String appliedSummary() {
        return "Updated webhook " + current.id() + "." + (update.rotateOverlap() == null ? ""
                : " Its new signing secret is shown once; the old one signs too until " + next.previousSecretUntil() + ".");
    }

    @Override
    String plannedSummary() {
        return "webhook " + current.id() + " would be updated.";
    }
}
