package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.policy.EffectivePolicy;
import dev.regent.core.policy.GateSpec;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.TargetGates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The policy in effect, as {@code policy show [MODEL] --json}: {@code revision} (the stored revision: number, digest,
 * who applied it, when, why, and its YAML), {@code model} (null: the defaults), {@code override} (the override
 * pattern applied, or null), {@code compliance_tags: {tag: [kinds]}}, {@code stages: {label: [gates]}},
 * {@code aliases: {declared alias or glob: [gates]}} and {@code undeclared_aliases}: the gates every other alias
 * passes (those of Production).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicyWire(PolicyRevisionWire revision, String model, String override,
                         SortedMap<String, List<String>> complianceTags, Map<String, List<String>> stages,
                         SortedMap<String, List<String>> aliases, List<String> undeclaredAliases) {

    /** The policy's gates for a model (with its override applied), or its defaults for null. */
    public static PolicyWire of(EffectivePolicy effective, ModelName model) {
        Policy policy = effective.policy();
        SortedMap<String, List<String>> tags = new TreeMap<>();
        policy.complianceTags().forEach((t, kinds) -> tags.put(t, kinds.stream().map(k -> k.value()).toList()));
        Map<String, List<String>> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            stages.put(s.label(), describe(gates(policy, model, GateTarget.of(s))));
        }
        SortedMap<String, List<String>> aliases = new TreeMap<>();
        policy.defaults().aliases().forEach((pattern, gates) -> aliases.put(pattern, describe(gates)));
        if (model != null) {
            policy.overrideFor(model).ifPresent(p -> aliases.putAll(declared(policy.overrides().get(p))));
            aliases.replaceAll((pattern, gates) -> isGlob(pattern) ? gates
                    : describe(policy.gates(model, GateTarget.of(AliasName.of(pattern)))));
        }
        return new PolicyWire(PolicyRevisionWire.of(effective.revision(), true), model == null ? null : model.value(),
                model == null ? null : policy.overrideFor(model).orElse(null), tags, stages, aliases,
                stages.get(Stage.PRODUCTION.label()));
    }

    private static SortedMap<String, List<String>> declared(TargetGates section) {
        SortedMap<String, List<String>> out = new TreeMap<>();
        section.aliases().forEach((pattern, gates) -> out.put(pattern, describe(gates)));
        return out;
    }

    private static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    private static List<GateSpec> gates(Policy policy, ModelName model, GateTarget target) {
        return model == null ? policy.defaults().declared(target).orElse(List.of()) : policy.gates(model, target);
    }

    private static List<String> describe(List<GateSpec> gates) {
        return gates.stream().map(GateSpec::describe).toList();
    }
}
