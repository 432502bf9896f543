package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.policy.GateSpec;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The policy in effect, as {@code policy show [MODEL] --json}: {@code source, model (null: defaults), override
 * (the override pattern applied, or null), compliance_tags: {tag: [kinds]}, stages: {label: [gate descriptions]},
 * aliases: {protected alias: [gate descriptions]}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicyWire(String source, String model, String override, SortedMap<String, List<String>> complianceTags,
                         Map<String, List<String>> stages, SortedMap<String, List<String>> aliases) {

    /** The policy's gates for a model (with its override applied), or its defaults for null. */
    public static PolicyWire of(Policy policy, ModelName model) {
        ModelName subject = model != null ? model : ModelName.of("default");
        TreeSet<AliasName> protectedAliases = new TreeSet<>(policy.defaults().aliases().keySet());
        if (model != null) {
            policy.overrideFor(model).ifPresent(p -> protectedAliases.addAll(policy.overrides().get(p).aliases().keySet()));
        }
        SortedMap<String, List<String>> tags = new TreeMap<>();
        policy.complianceTags().forEach((t, kinds) -> tags.put(t, kinds.stream().map(k -> k.value()).toList()));
        Map<String, List<String>> stages = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            stages.put(s.label(), describe(gates(policy, model, subject, GateTarget.of(s))));
        }
        SortedMap<String, List<String>> aliases = new TreeMap<>();
        for (AliasName alias : protectedAliases) {
            aliases.put(alias.value(), describe(gates(policy, model, subject, GateTarget.of(alias))));
        }
        return new PolicyWire(policy.source(), model == null ? null : model.value(),
                model == null ? null : policy.overrideFor(model).orElse(null), tags, stages, aliases);
    }

    private static List<GateSpec> gates(Policy policy, ModelName model, ModelName subject, GateTarget target) {
        return model == null ? policy.defaults().declared(target).orElse(List.of()) : policy.gates(subject, target);
    }

    private static List<String> describe(List<GateSpec> gates) {
        return gates.stream().map(GateSpec::describe).toList();
    }
}
