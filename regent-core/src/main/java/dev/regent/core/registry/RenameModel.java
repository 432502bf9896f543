package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.Policy;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Renames a live model. Its versions, stages, aliases, cards, evidence and approvals hang off the model itself and
 * follow it; per-model grants name models by name, so they move to the new name in the same transaction. The audit
 * log keeps the entries written under the old name (they are immutable); the model.rename entry links both names.
 */
final class RenameModel extends Mutation {
    private final Principal actor;
    private final ModelName from;
    private final ModelName to;
    private final String reason;
    private final PolicyInEffect policies;
    private Model before;
    private boolean taken;
    private List<String> moving = List.of();

    RenameModel(Principal actor, ModelName from, ModelName to, String reason, PolicyInEffect policies) {
        this.policies = policies;
        this.actor = actor;
        this.from = from;
        this.to = to;
        this.reason = reason == null || reason.isBlank() ? "" : dev.regent.core.lifecycle.Reason.of(reason).text();
    }

    @Override
    ModelName model() {
        return from;
    }

    @Override
    Principal actor() {
        return actor;
    }

    /** Renaming into a name is like creating a model of that name: the same role is needed on it. */
    @Override
    List<ModelName> otherModels() {
        return List.of(to);
    }

    @Override
    Plan plan(StoreTransaction tx) {
        before = Lookups.model(tx, from);
        // by key, as at creation; the model's own key does not block it ("fraud" may become "Fraud")
        Optional<Model> existing = tx.findModelByKey(to).filter(m -> !m.name().equals(from));
        taken = existing.isPresent() || from.equals(to);
        List<Finding> pre = new ArrayList<>();
        pre.add(Finding.pass("model exists", "model '" + from + "' is live"));
        pre.add(from.equals(to) ? Finding.fail("new name is free", "the new name is the model's current name")
                : existing.isEmpty() ? Finding.pass("new name is free", "no live model is named '" + to + "'")
                : existing.get().name().equals(to)
                ? Finding.fail("new name is free", "model '" + to + "' already exists (created by "
                        + existing.get().createdBy() + "); choose another name or delete that model first")
                : Finding.fail("new name is free", LookAlikes.taken(to, existing.get())));
        // The policy picks gates by model name: a rename must not move a model out from under its gates.
        Policy policy = policies.current(tx).policy();
        Optional<String> governs = policy.overrideFor(from);
        Optional<String> wouldGovern = policy.overrideFor(to);
        pre.add(governs.equals(wouldGovern)
                ? Finding.pass("same policy gates", governs.map(o -> "policy override '" + o + "' governs both names")
                        .orElse("the policy's defaults govern both names"))
                : Finding.fail("same policy gates", "'" + from + "' is governed by " + describe(governs) + " but '" + to
                        + "' would be governed by " + describe(wouldGovern) + "; a rename cannot change which gates apply: "
                        + "change the policy first, or choose a name it governs the same way"));
        List<PrincipalRecord> principals = tx.listPrincipals();
        moving = grantsOn(principals, from);
        List<String> already = grantsOn(principals, to);
        List<String> steps = new ArrayList<>();
        steps.add("Rename model '" + from + "' to '" + to + "'; its versions, stages, aliases, cards, evidence and "
                + "approvals stay with it.");
        steps.add(moving.isEmpty() ? "No per-model grants name '" + from + "'; none to move."
                : "Move the per-model grants on '" + from + "' to '" + to + "': " + String.join(", ", moving) + ".");
        if (!already.isEmpty()) {
            steps.add("Grants already naming '" + to + "' (given before this model had the name) will apply to it: "
                    + String.join(", ", already) + ".");
        }
        steps.add("Approvals bind the reviewed model's name: approvals given under '" + from + "' no longer count "
                + "after the rename and must be given again.");
        steps.add("Audit entries written under '" + from + "' stay as written; record a model.rename audit entry "
                + "naming both" + (reason.isEmpty() ? "." : " with the reason."));
        return new Plan("model rename", steps, pre);
    }

    private static String describe(Optional<String> override) {
        return override.map(o -> "the policy override '" + o + "'").orElse("the policy's defaults");
    }

    private static List<String> grantsOn(List<PrincipalRecord> principals, ModelName model) {
        List<String> out = new ArrayList<>();
        for (PrincipalRecord p : principals) {
            for (Grant g : p.grants()) {
                if (model.equals(g.model())) {
                    out.add(p.principal() + " (" + g.role().label() + ")");
                }
            }
        }
        return out;
    }

    @Override
    ErrorCode refusalCode() {
        return taken ? ErrorCode.ALREADY_EXISTS : ErrorCode.RULE_VIOLATION;
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.renameModel(from, to, now);
        SortedMap<String, String> after = new TreeMap<>(StateMaps.of(before));
        after.put("name", to.value());
        after.put("renamed_from", from.value());
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.MODEL_RENAME, AuditTarget.model(to),
                AuditOutcome.APPLIED, reason, StateMaps.of(before), after);
        List<Change> changes = new ArrayList<>();
        changes.add(new Change("model", from.value(), "renamed to '" + to + "'"));
        if (!moving.isEmpty()) {
            changes.add(new Change("grants", to.value(), "moved from '" + from + "': " + String.join(", ", moving)));
        }
        return new Applied(changes, List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        List<PrincipalRecord> principals = tx.listPrincipals();
        return List.of(
                Expect.that("model has the new name", tx.findModel(to).isPresent(),
                        "model '" + to + "' " + (tx.findModel(to).isPresent() ? "is live" : "not found after commit")),
                Expect.that("old name is free", tx.findModel(from).isEmpty(),
                        "no live model is named '" + from + "'" + (tx.findModel(from).isEmpty() ? "" : ": it still is")),
                Expect.equal("grants left on the old name", List.of(), grantsOn(principals, from)));
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent model rename " + to + " " + from + " --reason " + Shell.quote("undo model rename"),
                "Renaming back restores the name and moves the grants back; approvals must still be given again.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.MODEL_RENAME, AuditTarget.model(from), reason, why);
    }

    @Override
    String appliedSummary() {
        return "Renamed model '" + from + "' to '" + to + "'" + (moving.isEmpty() ? "." : " and moved " + moving.size()
                + " grant" + (moving.size() == 1 ? "" : "s") + " with it.");
    }

    @Override
    String plannedSummary() {
        return "model '" + from + "' would be renamed to '" + to + "'.";
    }
}
