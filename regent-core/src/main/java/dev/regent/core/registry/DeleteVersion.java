package dev.regent.core.registry;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Tombstones a version: hidden from reads, kept for audit and stage history. Aliases pointing at it are removed.
 * Refused while the version is in an exclusive stage (Staging or Production).
 */
final class DeleteVersion extends Mutation {
    private final Principal actor;
    private final ModelName model;
    private final VersionNumber number;
    private final Reason reason;
    private ModelVersion before;
    private List<AliasName> aliases;
    private dev.regent.core.store.VersionSummary existing;

    DeleteVersion(Principal actor, ModelName model, VersionNumber number, Reason reason) {
        this.actor = actor;
        this.model = model;
        this.number = number;
        this.reason = reason;
    }

    @Override
    ModelName model() {
        return model;
    }

    @Override
    Principal actor() {
        return actor;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        before = Lookups.version(tx, model, number);
        existing = tx.versionSummary(model);
        aliases = tx.aliases(model).entrySet().stream().filter(e -> e.getValue().equals(number)).map(e -> e.getKey())
                .collect(Collectors.toList());
        List<Finding> pre = List.of(before.stage().exclusive()
                ? Finding.fail("version not in Staging or Production", before.ref() + " is in " + before.stage()
                        + "; promote another version or move it to Archived first")
                : Finding.pass("version not in Staging or Production", "it is in " + before.stage()));
        List<String> steps = new ArrayList<>();
        steps.add("Mark version " + before.ref() + " deleted (a tombstone: hidden from reads, kept for audit and history).");
        if (!aliases.isEmpty()) {
            steps.add("Remove alias(es) pointing at it: " + aliases.stream().map(Object::toString).collect(Collectors.joining(", ")) + ".");
        }
        steps.add("Record a version.delete audit entry with the reason.");
        return new Plan("version delete", steps, pre);
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.deleteVersion(model, number, now);
        tx.touchModel(model, now);
        List<Change> changes = new ArrayList<>();
        changes.add(new Change("version", before.ref().toString(), "deleted (tombstone)"));
        aliases.forEach(a -> changes.add(new Change("alias", model + "@" + a, "removed with the version")));
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.VERSION_DELETE, AuditTarget.version(model, number),
                AuditOutcome.APPLIED, reason.text(), StateMaps.of(before), StateMaps.single("deleted", "true"));
        return new Applied(changes, List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        boolean hidden = tx.findVersion(model, number).isEmpty();
        boolean aliasesGone = tx.aliases(model).values().stream().noneMatch(number::equals);
        return List.of(Expect.that("version hidden from reads", hidden, hidden ? "not listed any more" : "still listed"),
                Expect.that("no alias points at it", aliasesGone, aliasesGone ? "none" : "an alias still points at it"),
                OlderVersions.stillPresent(tx, model, existing, -1));
    }

    @Override
    Rollback rollback() {
        return Rollback.nothing("A deletion cannot be undone by a command: the tombstone stays in the audit log. "
                + "Register the artifact again (" + before.source() + ") to get a new version.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.VERSION_DELETE, AuditTarget.version(model, number), reason.text(), why);
    }

    @Override
    String appliedSummary() {
        return "Deleted version " + before.ref() + " (tombstoned; history remains)."
                + (aliases.isEmpty() ? "" : " Removed " + aliases.size() + " alias(es) that pointed at it.");
    }

    @Override
    String plannedSummary() {
        return "version " + model + "/" + number + " would be deleted.";
    }
}
