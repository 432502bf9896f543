package dev.regent.server.ui;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.server.ui.view.GateLine;
import dev.regent.server.ui.view.TargetPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The targets the policy gates for a model, with their gates in words: Staging, Production, every alias the model
 * has, and every alias the policy declares by name (an alias it does not declare is gated like Production).
 */
final class PolicyTargets {
    private PolicyTargets() {
    }

    static List<TargetPolicy> of(Policy policy, ModelName name, Collection<AliasName> existing) {
        List<GateTarget> targets = new ArrayList<>(List.of(GateTarget.of(Stage.STAGING), GateTarget.of(Stage.PRODUCTION)));
        Set<AliasName> aliases = new TreeSet<>(existing);
        declared(policy.defaults().aliases().keySet(), aliases);
        policy.overrideFor(name).ifPresent(o -> declared(policy.overrides().get(o).aliases().keySet(), aliases));
        aliases.forEach(a -> targets.add(GateTarget.of(a)));
        return targets.stream().map(t -> new TargetPolicy(t.toString(), t.wire(), policy.gateSet(name, t).gates().stream()
                .map(g -> new GateLine(g.kind(), g.describe())).toList())).toList();
    }

    /** The exact alias names among declared patterns (a glob names no alias to show until one exists). */
    private static void declared(Set<String> patterns, Set<AliasName> into) {
        patterns.stream().filter(p -> p.indexOf('*') < 0 && p.indexOf('?') < 0).map(AliasName::of).forEach(into::add);
    }
}
