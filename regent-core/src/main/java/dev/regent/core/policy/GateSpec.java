package dev.regent.core.policy;

import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.evidence.EvidenceKind;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One check a version must pass to enter a stage or take a protected alias, as declared in the policy. */
public sealed interface GateSpec {

    /** The gate kind as written in the policy file. */
    String kind();

    /** A short description for reports, e.g. "approvals (2 with role approver)". */
    String describe();

    /** The version has a recorded artifact digest. */
    record ArtifactDigest() implements GateSpec {
        @Override
        public String kind() {
            return "artifact_digest";
        }

        @Override
        public String describe() {
            return "artifact_digest";
        }
    }

    /** An unrevoked eval report is attached; optionally it passed, and its metrics meet the expression. */
    record EvalReport(boolean requirePassed, MetricsExpression metrics) implements GateSpec {
        @Override
        public String kind() {
            return "eval_report";
        }

        @Override
        public String describe() {
            StringBuilder b = new StringBuilder("eval_report");
            if (requirePassed || metrics != null) {
                b.append(" (");
                if (requirePassed) {
                    b.append("passed");
                }
                if (metrics != null) {
                    b.append(requirePassed ? ", " : "").append(metrics.source());
                }
                b.append(')');
            }
            return b.toString();
        }
    }

    /**
     * {@code count} approvals by distinct principals, none the creator or the requester, holding any of {@code roles}
     * (if given) and of one of {@code kinds} of principal (if given: e.g. [user] so service accounts cannot approve).
     */
    record Approvals(int count, Set<Role> roles, Set<PrincipalKind> kinds) implements GateSpec {
        public Approvals {
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException("approvals count must be between 1 and 100, got " + count);
            }
            roles = java.util.Collections.unmodifiableSet(new TreeSet<>(roles));
            kinds = java.util.Collections.unmodifiableSet(new TreeSet<>(kinds));
        }

        public Approvals(int count, Set<Role> roles) {
            this(count, roles, Set.of());
        }

        @Override
        public String kind() {
            return "approvals";
        }

        @Override
        public String describe() {
            return "approvals (" + count + (roles.isEmpty() ? "" : " with role " + String.join(" or ",
                    roles.stream().map(Role::label).toList()))
                    + (kinds.isEmpty() ? "" : ", by " + String.join(" or ", kinds.stream().map(k -> k.name().toLowerCase()).toList()))
                    + ")";
        }
    }

    /** The model card has these sections, non-empty. */
    record ModelCard(List<String> sections) implements GateSpec {
        public ModelCard {
            sections = List.copyOf(sections);
        }

        @Override
        public String kind() {
            return "model_card";
        }

        @Override
        public String describe() {
            return "model_card (" + String.join(", ", sections) + ")";
        }
    }

    /** These compliance tags are present and supported by unrevoked evidence of a supporting kind. */
    record ComplianceTags(List<String> tags) implements GateSpec {
        public ComplianceTags {
            tags = List.copyOf(tags);
        }

        @Override
        public String kind() {
            return "compliance_tags";
        }

        @Override
        public String describe() {
            return "compliance_tags (" + String.join(", ", tags) + ")";
        }
    }

    /** Unrevoked evidence of each of these kinds is attached. */
    record Evidence(List<EvidenceKind> kinds) implements GateSpec {
        public Evidence {
            kinds = List.copyOf(kinds);
        }

        @Override
        public String kind() {
            return "evidence";
        }

        @Override
        public String describe() {
            return "evidence (" + String.join(", ", kinds.stream().map(EvidenceKind::value).toList()) + ")";
        }
    }
}
