package dev.regent.core.policy;

import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A policy as lines that depend only on what it means, never on how its YAML was written (comments, quoting, key
 * order, whitespace, the order of gates within a target): one line per compliance tag and per gate, every option
 * spelled out. Its SHA-256 is the policy's canonical digest, so the same policy written twice has one digest, and
 * two policies' lines compare into a readable diff. Overrides keep their file order, which can decide between
 * two globs of equal length.
 */
public final class PolicyCanonicalForm {
    static final String HEADER = "regent-policy/1";

    private PolicyCanonicalForm() {
    }

    /** The canonical lines, header first. */
    public static List<String> lines(Policy policy) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        policy.complianceTags().forEach((tag, kinds) -> lines.add("compliance_tags." + tag + ": "
                + String.join(",", kinds.stream().map(EvidenceKind::value).toList())));
        section(lines, "default", policy.defaults());
        for (Map.Entry<String, TargetGates> e : policy.overrides().entrySet()) {
            section(lines, "models." + e.getKey(), e.getValue());
        }
        return lines;
    }

    /** The canonical digest: SHA-256 of the lines joined by newlines, in UTF-8. */
    public static Digest digest(Policy policy) {
        return Digest.sha256Of(String.join("\n", lines(policy)).getBytes(StandardCharsets.UTF_8));
    }

    private static void section(List<String> lines, String name, TargetGates section) {
        for (Stage stage : Stage.values()) {
            List<GateSpec> gates = section.stages().get(stage);
            if (gates != null) {
                target(lines, name + ".stages." + stage.label(), gates);
            }
        }
        section.aliases().forEach((pattern, gates) -> target(lines, name + ".aliases." + pattern, gates));
    }

    private static void target(List<String> lines, String where, List<GateSpec> gates) {
        if (gates.isEmpty()) {
            lines.add(where + ": no gates");
            return;
        }
        gates.stream().sorted(Comparator.comparing(GateSpec::kind)).forEach(g -> lines.add(where + ": " + gate(g)));
    }

    /** One gate with every option written out, e.g. approvals{count=1,roles=[],principal_kinds=[user]}. */
    static String gate(GateSpec gate) {
        if (gate instanceof GateSpec.ArtifactDigest) {
            return "artifact_digest{}";
        } else if (gate instanceof GateSpec.EvalReport e) {
            return "eval_report{require_passed=" + e.requirePassed() + ",metrics="
                    + (e.metrics() == null ? "none" : quoted(e.metrics().source())) + "}";
        } else if (gate instanceof GateSpec.Approvals a) {
            return "approvals{count=" + a.count() + ",roles=" + list(a.roles().stream().map(Role::label).toList())
                    + ",principal_kinds=" + list(a.kinds().stream().map(PolicyCanonicalForm::kind).toList()) + "}";
        } else if (gate instanceof GateSpec.ModelCard c) {
            return "model_card{sections=" + list(c.sections()) + "}";
        } else if (gate instanceof GateSpec.ComplianceTags t) {
            return "compliance_tags{tags=" + list(t.tags()) + "}";
        } else if (gate instanceof GateSpec.Evidence e) {
            return "evidence{kinds=" + list(e.kinds().stream().map(EvidenceKind::value).toList()) + "}";
        }
        throw new IllegalStateException("unknown gate kind " + gate.kind());
    }

    private static String list(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static String kind(PrincipalKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
