package dev.regent.core.approval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.regent.core.model.Digest;

/** A stored decision with how it counts against the version's current review digest. */
public record ApprovalView(Approval approval, ApprovalStatus status) {

    /**
     * Classifies every decision: a principal's latest decision per target supersedes their earlier ones; a
     * decision whose review digest differs from the current one is stale.
     */
    public static List<ApprovalView> classify(List<Approval> decisions, Digest current) {
        Map<String, Long> latest = new HashMap<>();
        for (Approval a : decisions) {
            latest.merge(a.principal().name() + "\u0000" + a.target(), a.id(), Math::max);
        }
        List<ApprovalView> views = new ArrayList<>();
        for (Approval a : decisions) {
            ApprovalStatus status;
            if (latest.get(a.principal().name() + "\u0000" + a.target()) != a.id()) {
                status = ApprovalStatus.SUPERSEDED;
            } else if (!a.reviewDigest().equals(current)) {
                status = ApprovalStatus.STALE;
            } else {
                status = ApprovalStatus.CURRENT;
            }
            views.add(new ApprovalView(a, status));
        }
        return views;
    }
}
