package dev.regent.server.ui.view;

import java.util.List;

/** The gates the policy in effect sets for one target (a stage or an alias): as shown, as a form value, its gates. */
public record TargetPolicy(String target, String wire, List<GateLine> gates) {
}
