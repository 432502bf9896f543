package dev.regent.core.approval;

import dev.regent.core.access.Role;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A principal's decision on a version for a target (a stage label such as "Production", or "alias:champion"),
 * bound to the review digest of what was reviewed. {@code asserted} marks decisions made in local mode, where the
 * principal is claimed, not authenticated. {@code gateSet} says which gate set of which policy revision the decision
 * was given for (e.g. "policy revision 2: default.stages.Production (alias 'champion' is not declared: gated like
 * Production)"); null for decisions recorded before Regent kept it. {@code id} is 0 until stored.
 */
public record Approval(long id, ModelName model, VersionNumber version, String target, Principal principal, Set<Role> roles,
                       Decision decision, String comment, Digest reviewDigest, boolean asserted, Instant at, String gateSet) {
    public Approval {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reviewDigest, "reviewDigest");
        Objects.requireNonNull(at, "at");
        roles = java.util.Collections.unmodifiableSet(new TreeSet<>(roles));
        comment = comment == null ? "" : comment;
        at = Instant.ofEpochMilli(at.toEpochMilli());
    }

    /** A decision without a recorded gate set. */
    public Approval(long id, ModelName model, VersionNumber version, String target, Principal principal, Set<Role> roles,
                    Decision decision, String comment, Digest reviewDigest, boolean asserted, Instant at) {
        this(id, model, version, target, principal, roles, decision, comment, reviewDigest, asserted, at, null);
    }
}
