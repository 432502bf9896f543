package dev.regent.core.policy;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.Stage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The gates of one policy section: per target stage and per alias, aliases by exact name or by glob ('*', '?'). A
 * stage that is absent has no gates from this section; an alias that is absent is not declared here. An empty list
 * means "no gates", explicitly.
 */
public record TargetGates(Map<Stage, List<GateSpec>> stages, Map<String, List<GateSpec>> aliases) {
    public static final TargetGates NONE = new TargetGates(Map.of(), Map.of());

    public TargetGates {
        EnumMap<Stage, List<GateSpec>> s = new EnumMap<>(Stage.class);
        stages.forEach((k, v) -> s.put(k, List.copyOf(v)));
        stages = Collections.unmodifiableMap(s);
        TreeMap<String, List<GateSpec>> a = new TreeMap<>();
        aliases.forEach((k, v) -> a.put(k, List.copyOf(v)));
        aliases = Collections.unmodifiableMap(a);
    }

    /** The gates declared for a target, if the section mentions it (an alias through its best-matching pattern). */
    public Optional<List<GateSpec>> declared(GateTarget target) {
        if (target.stage() != null) {
            return Optional.ofNullable(stages.get(target.stage()));
        }
        return aliasPattern(target.alias()).map(aliases::get);
    }

    /** The pattern that declares the alias here: its exact name, else the longest matching glob. */
    public Optional<String> aliasPattern(AliasName alias) {
        if (aliases.containsKey(alias.value())) {
            return Optional.of(alias.value());
        }
        String best = null;
        for (String pattern : aliases.keySet()) {
            if (Glob.matches(pattern, alias.value()) && (best == null || pattern.length() > best.length())) {
                best = pattern;
            }
        }
        return Optional.ofNullable(best);
    }
}
