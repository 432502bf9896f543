package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
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
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Writes a new revision of a version's model card; older revisions stay, and approvals of the old card go stale. */
final class SetCard extends Mutation {
    private final Principal actor;
    private final ModelName model;
    private final VersionNumber number;
    private final ModelCard card;
    private Optional<CardRevision> previous;
    private ModelVersion version;
    private int revision;

    SetCard(Principal actor, ModelName model, VersionNumber number, ModelCard card) {
        this.actor = actor;
        this.model = model;
        this.number = number;
        this.card = card;
    }

    @Override
    ModelName model() {
        return model;
    }

    @Override
    Principal actor() {
        return actor;
    }

    private boolean unchanged() {
        return previous.isPresent() && previous.get().digest().equals(card.digest());
    }

    @Override
    Plan plan(StoreTransaction tx) {
        version = Lookups.version(tx, model, number);
        previous = tx.latestCard(model, number);
        revision = previous.map(p -> p.revision() + 1).orElse(1);
        String step = unchanged() ? "The card is identical to revision " + previous.get().revision() + "; nothing to change."
                : "Write card revision " + revision + " of " + version.ref() + " (" + card.digest().shortForm() + ", sections: "
                        + String.join(", ", card.sections()) + ")" + previous.map(p -> "; revision " + p.revision() + " stays").orElse("") + ".";
        return new Plan("card set", List.of(step, "Approvals of this version become stale (the review digest changes).",
                "Record a card.set audit entry with the revision's digest."), List.of(Finding.pass("version exists", version.ref().toString())));
    }

    @Override
    Optional<String> alreadyInPlace() {
        return unchanged() ? Optional.of("The card of " + version.ref() + " already has this content (revision "
                + previous.get().revision() + ")") : Optional.empty();
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.insertCardRevision(new CardRevision(model, number, revision, card.canonicalJson(), card.digest(), actor, now));
        TreeMap<String, String> after = new TreeMap<>();
        after.put("card.revision", Integer.toString(revision));
        after.put("card.digest", card.digest().value());
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.CARD_SET, AuditTarget.version(model, number), AuditOutcome.APPLIED,
                "", previous.map(p -> {
                    TreeMap<String, String> before = new TreeMap<>();
                    before.put("card.revision", Integer.toString(p.revision()));
                    before.put("card.digest", p.digest().value());
                    return before;
                }).orElse(null), after);
        return new Applied(List.of(new Change("card", version.ref().toString(), "revision " + revision + " (" + card.digest().shortForm() + ")")),
                List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<CardRevision> read = tx.latestCard(model, number);
        return List.of(Expect.equal("card digest", card.digest(), read.map(CardRevision::digest).orElse(null)),
                Expect.equal("card revision", unchanged() ? previous.get().revision() : revision, read.map(CardRevision::revision).orElse(0)));
    }

    @Override
    Rollback rollback() {
        return previous.map(p -> Rollback.by("regent card show " + Shell.quote(model) + " " + number + " --revision " + p.revision()
                + " --format json > card.json && regent card set " + Shell.quote(model) + " " + number + " --file card.json",
                "Re-sets the previous revision's content as a new revision; every revision stays."))
                .orElse(Rollback.nothing("This was the first card; revisions are never deleted. Set a corrected card instead."));
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.CARD_SET, AuditTarget.version(model, number), "", why);
    }

    @Override
    String appliedSummary() {
        return "Model card revision " + revision + " of " + version.ref() + " is set.";
    }

    @Override
    String plannedSummary() {
        return "a new card revision of " + model + "/" + number + " would be written.";
    }
}
