package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.access.Role;
import dev.regent.core.approval.Approval;
import dev.regent.core.approval.ApprovalStatus;
import dev.regent.core.approval.ApprovalView;
import dev.regent.core.approval.Decision;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A decision with how it counts now, as {@code approvals --json}: {@code id, target, principal, decision, status,
 * comment, review_digest, asserted, at, roles, gate_set} ({@code gate_set}: which gate set of which policy revision
 * the decision was given for; null for decisions recorded before Regent kept it).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApprovalWire(long id, String target, String principal, String decision, String status, String comment,
                           String reviewDigest, boolean asserted, String at, List<String> roles, String gateSet) {
    public ApprovalWire {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static ApprovalWire of(ApprovalView v) {
        Approval a = v.approval();
        return new ApprovalWire(a.id(), a.target(), a.principal().name(), a.decision().name(), v.status().name(), a.comment(),
                a.reviewDigest().value(), a.asserted(), a.at().toString(), a.roles().stream().map(Role::label).toList(),
                a.gateSet());
    }

    /** The domain view; the wire lists approvals per version, so model and version come from the request. */
    public ApprovalView toDomain(ModelName model, VersionNumber version) {
        Approval a = new Approval(id, model, version, target, Principal.of(principal),
                roles.stream().map(Role::parse).collect(Collectors.toSet()), Decision.valueOf(decision), comment,
                Digest.parse(reviewDigest), asserted, Instant.parse(at), gateSet);
        return new ApprovalView(a, ApprovalStatus.valueOf(status));
    }
}
