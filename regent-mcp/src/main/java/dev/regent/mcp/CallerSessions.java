package dev.regent.mcp;

import dev.regent.core.registry.RegistrySession;
import io.modelcontextprotocol.common.McpTransportContext;

/**
 * Opens the registry session one call runs in, for the caller its transport vouched for: over stdio the process's
 * agent (the context is empty), over HTTP the principal of the request's bearer token (put in the context by the
 * endpoint that authenticated it).
 */
@FunctionalInterface
public interface CallerSessions {

    /** The registry as the caller sees it, for one call of {@code tool}. */
    RegistrySession open(String tool, McpTransportContext transport);
}
