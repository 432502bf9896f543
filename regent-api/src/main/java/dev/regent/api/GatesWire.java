package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.report.Finding;
import java.util.List;

/**
 * Gate results for a target, as {@code gates --json}: {@code model, version, target ("Production" or
 * "alias:champion"), passed (all of them), gates: [{gate, passed, detail}]}; the first entry, "policy in effect",
 * names the policy revision and the gate set the gates came from (or, for a what-if, the file that is not in effect).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GatesWire(String model, int version, String target, boolean passed, List<GateResult> gates) {
    public GatesWire {
        gates = gates == null ? List.of() : List.copyOf(gates);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GateResult(String gate, boolean passed, String detail) {
    }

    public static GatesWire of(ModelName model, VersionNumber version, GateTarget target, List<Finding> results) {
        return new GatesWire(model.value(), version.value(), target.wire(), results.stream().allMatch(Finding::passed),
                results.stream().map(f -> new GateResult(f.check(), f.passed(), f.detail())).toList());
    }

    public List<Finding> toDomain() {
        return gates.stream().map(g -> new Finding(g.gate(), g.passed(), g.detail())).toList();
    }
}
