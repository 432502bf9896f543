package dev.regent.core.policy;

import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.NameKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The promotion policy: which tags are compliance tags and which evidence kinds support them; the default gates per
 * target; and per-model overrides by exact name or glob. For a model, the override that matches it (an exact name
 * beats any glob; among globs the longest pattern wins) is laid over the defaults target by target: a gate kind the
 * override names replaces the default gate of that kind, other default gates stay, and an explicitly empty list
 * removes every gate of that target. So "fraud-*: Production: [approvals: {count: 3}]" raises the approval count
 * and keeps the other Production gates.
 *
 * <p>Patterns match a model's name {@linkplain ModelName#key() key}, not its exact spelling: "fraud-*" also governs
 * "Fraud-EU" and "ｆｒａｕｄ-x", so a look-alike name cannot escape the gates its model would meet.
 *
 * <p>Aliases are pointers deployments follow (models:/name@champion), so an alias the policy does not declare —
 * by name or glob, in the defaults or the model's override — is gated exactly like Production. Declaring an alias
 * gives it its own gates; declaring it with an empty list leaves it ungated, explicitly.
 */
public final class Policy {
    private final String source;
    private final String text;
    private final Map<String, List<EvidenceKind>> complianceTags;
    private final TargetGates defaults;
    private final Map<String, TargetGates> overrides;
    private final Map<String, String> patternKeys = new LinkedHashMap<>();

    public Policy(String source, String text, Map<String, List<EvidenceKind>> complianceTags, TargetGates defaults,
                  Map<String, TargetGates> overrides) {
        this.source = source;
        this.text = text;
        TreeMap<String, List<EvidenceKind>> tags = new TreeMap<>();
        complianceTags.forEach((k, v) -> tags.put(k, List.copyOf(v)));
        this.complianceTags = Collections.unmodifiableMap(tags);
        this.defaults = defaults;
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        this.overrides.keySet().forEach(p -> patternKeys.put(p, NameKey.of(p)));
    }

    /** Where the policy came from (a file path, or "built-in default"). */
    public String source() {
        return source;
    }

    /** The policy's YAML text, as written. */
    public String text() {
        return text;
    }

    /** Tag name → the evidence kinds that can support it. */
    public Map<String, List<EvidenceKind>> complianceTags() {
        return complianceTags;
    }

    public boolean isComplianceTag(String tag) {
        return complianceTags.containsKey(tag);
    }

    public TargetGates defaults() {
        return defaults;
    }

    /** Pattern → override section, in file order. */
    public Map<String, TargetGates> overrides() {
        return overrides;
    }

    /** The override pattern that applies to the model, if any, matched against the name's key (as written). */
    public Optional<String> overrideFor(ModelName model) {
        String key = model.key();
        String best = null;
        for (Map.Entry<String, String> p : patternKeys.entrySet()) {
            if (p.getValue().equals(key)) {
                return Optional.of(p.getKey());
            }
            if (Glob.matches(p.getValue(), key) && (best == null || p.getValue().length() > patternKeys.get(best).length())) {
                best = p.getKey();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The gates in effect for moving a version of the model to the target. */
    public List<GateSpec> gates(ModelName model, GateTarget target) {
        return gateSet(model, target).gates();
    }

    /** The gates in effect for moving a version of the model to the target, with where the policy declares them. */
    public GateSet gateSet(ModelName model, GateTarget target) {
        Optional<String> override = overrideFor(model);
        if (target.alias() != null && !isDeclared(model, target)) {
            GateSet production = gateSet(model, GateTarget.of(dev.regent.core.model.Stage.PRODUCTION));
            return new GateSet(production.gates(), production.origin() + " (alias '" + target.alias().value()
                    + "' is not declared in the policy: gated like Production)");
        }
        String defaultOrigin = "default." + where(defaults, target);
        Optional<List<GateSpec>> base = defaults.declared(target);
        Optional<List<GateSpec>> over = override.flatMap(p -> overrides.get(p).declared(target));
        if (over.isEmpty()) {
            return new GateSet(base.orElse(List.of()), base.isPresent() ? defaultOrigin : "nothing declared for " + target);
        }
        String overOrigin = "models." + override.get() + "." + where(overrides.get(override.get()), target);
        if (over.get().isEmpty() || base.isEmpty()) {
            return new GateSet(over.get(), overOrigin);
        }
        List<GateSpec> merged = new ArrayList<>();
        for (GateSpec gate : base.get()) {
            if (over.get().stream().noneMatch(o -> o.kind().equals(gate.kind()))) {
                merged.add(gate);
            }
        }
        merged.addAll(over.get());
        return new GateSet(merged, overOrigin + " over " + defaultOrigin);
    }

    /** Whether the policy declares the alias for the model (by name or glob, in the defaults or the override). */
    public boolean isDeclared(ModelName model, GateTarget alias) {
        return defaults.declared(alias).isPresent()
                || overrideFor(model).flatMap(p -> overrides.get(p).declared(alias)).isPresent();
    }

    private static String where(TargetGates section, GateTarget target) {
        return target.stage() != null ? "stages." + target.stage().label()
                : "aliases." + section.aliasPattern(target.alias()).orElse(target.alias().value());
    }
}
