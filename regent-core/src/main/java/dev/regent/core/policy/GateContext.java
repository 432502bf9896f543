package dev.regent.core.policy;

import dev.regent.core.approval.Approval;
import dev.regent.core.approval.ReviewDigest;
import dev.regent.core.card.CardRevision;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.store.StoreTransaction;
import dev.regent.core.access.PrincipalKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything gates look at for one version, read once inside the transaction that evaluates them. */
public record GateContext(ModelVersion version, GateTarget target, Principal requester, Optional<CardRevision> card,
                          List<Evidence> evidence, List<ComplianceTag> tags, List<Approval> approvals, Digest reviewDigest,
                          Map<Principal, PrincipalKind> approverKinds) {

    /** Loads the version's governance state from the transaction. */
    public static GateContext load(StoreTransaction tx, ModelVersion version, GateTarget target, Principal requester) {
        Optional<CardRevision> card = tx.latestCard(version.model(), version.number());
        List<Evidence> evidence = tx.evidenceOf(version.model(), version.number());
        List<ComplianceTag> tags = tx.complianceTags(version.model(), version.number());
        List<Approval> approvals = tx.approvals(version.model(), version.number());
        Map<Principal, PrincipalKind> kinds = new HashMap<>();
        for (Approval a : approvals) {
            kinds.computeIfAbsent(a.principal(), p -> tx.findPrincipal(p).map(r -> r.kind()).orElse(PrincipalKind.USER));
        }
        return new GateContext(version, target, requester, card, evidence, tags, approvals,
                ReviewDigest.of(version, card, evidence, tags), kinds);
    }

    /** Unrevoked evidence, newest first. */
    public List<Evidence> validEvidence() {
        return evidence.stream().filter(e -> !e.revoked())
                .sorted((a, b) -> b.at().compareTo(a.at()) != 0 ? b.at().compareTo(a.at()) : b.id().value().compareTo(a.id().value()))
                .toList();
    }
}
