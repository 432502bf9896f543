package dev.regent.server.ui;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.server.ui.view.GateLine;
import dev.regent.server.ui.view.TargetPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The targets the policy gates for a model (Staging, Production, each protected alias), with their gates in words. */
final class PolicyTargets {
    private PolicyTargets() {
    }

    static List<TargetPolicy> of(Policy policy, ModelName name) {
        List<GateTarget> targets = new ArrayList<>(List.of(GateTarget.of(Stage.STAGING), GateTarget.of(Stage.PRODUCTION)));
        Set<AliasName> aliases = new TreeSet<>(policy.defaults().aliases().keySet());
        policy.overrideFor(name).ifPresent(o -> aliases.addAll(policy.overrides().get(o).aliases().keySet()));
        aliases.forEach(a -> targets.add(GateTarget.of(a)));
        return targets.stream().map(t -> new TargetPolicy(t.toString(), t.wire(), policy.gates(name, t).stream()
                .map(g -> new GateLine(g.kind(), g.describe())).toList())).toList();
    }
}
