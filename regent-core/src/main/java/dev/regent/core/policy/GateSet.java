package dev.regent.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * The gates in effect for one model and target, with where the policy declares them ({@code origin}), e.g.
 * "default.stages.Production", "models.fraud-*.aliases.champion over default.aliases.champion", or for an alias the
 * policy does not declare "default.stages.Production (alias 'champion' is not declared: gated like Production)".
 * An approval records the origin, so a reviewer's sign-off says which gate set it was given for.
 */
public record GateSet(List<GateSpec> gates, String origin) {
    public GateSet {
        gates = List.copyOf(gates);
        Objects.requireNonNull(origin, "origin");
    }
}
