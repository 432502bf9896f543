package dev.regent.server.ui.view;

import dev.regent.api.PolicyWire;
import dev.regent.core.policy.PolicyRevision;
import java.util.List;

/**
 * The policy page: one revision's gates ({@code gates}: its defaults) and text, whether it is the one in effect,
 * every revision, and whether the caller may apply a new one (admins).
 */
public record PolicyView(Frame frame, PolicyWire gates, PolicyRevision revision, boolean inEffect, List<PolicyRevision> history,
                         boolean canApply) {
}
