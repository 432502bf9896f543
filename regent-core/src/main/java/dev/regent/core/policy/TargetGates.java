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
 * The gates of one policy section: per target stage and per protected alias. A target that is absent has no
 * gates (and an alias that is absent is not protected); an empty list also means "no gates", explicitly.
 */
public record TargetGates(Map<Stage, List<GateSpec>> stages, Map<AliasName, List<GateSpec>> aliases) {
    public static final TargetGates NONE = new TargetGates(Map.of(), Map.of());

    public TargetGates {
        EnumMap<Stage, List<GateSpec>> s = new EnumMap<>(Stage.class);
        stages.forEach((k, v) -> s.put(k, List.copyOf(v)));
        stages = Collections.unmodifiableMap(s);
        TreeMap<AliasName, List<GateSpec>> a = new TreeMap<>();
        aliases.forEach((k, v) -> a.put(k, List.copyOf(v)));
        aliases = Collections.unmodifiableMap(a);
    }

    /** The gates declared for a target, if the section mentions it. */
    public Optional<List<GateSpec>> declared(GateTarget target) {
        return Optional.ofNullable(target.stage() != null ? stages.get(target.stage()) : aliases.get(target.alias()));
    }
}
