package dev.regent.mcp;

import dev.regent.core.registry.RegistrySession;

/**
 * Opens the registry session one tool call runs in. Called once per call with the tool's name, so a local registry
 * can record the channel ({@code via=mcp:<tool>}) in every audit entry the call writes.
 */
@FunctionalInterface
public interface SessionFactory {

    /** The registry as the agent's principal sees it, for one call of {@code tool}. */
    RegistrySession open(String tool);
}
