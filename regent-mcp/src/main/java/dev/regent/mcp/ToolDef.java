package dev.regent.mcp;

import dev.regent.core.registry.RegistrySession;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Objects;

/**
 * One tool: its name, what it does and refuses (the description an agent reads), its parameters, and how it runs.
 * Change tools take {@code dryRun}, so {@code plan} can run any of them without writing.
 */
record ToolDef(String name, String title, String description, List<Param> params, boolean change, Handler handler) {

    /** Runs the tool in a session with checked arguments. */
    @FunctionalInterface
    interface Handler {
        CallToolResult call(RegistrySession session, Args args, boolean dryRun);
    }

    ToolDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        params = List.copyOf(params);
        Objects.requireNonNull(handler, "handler");
    }
}
