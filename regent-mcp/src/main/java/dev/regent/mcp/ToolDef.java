package dev.regent.mcp;

import dev.regent.core.registry.RegistrySession;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tool: its name, what it does and refuses (the description an agent reads), its parameters, and how it runs.
 * Change tools take {@code dryRun}, so {@code plan} can run any of them without writing. {@code output} is the schema of
 * the structured content a successful call returns (a change's: the five-part report); every read names its own.
 */
record ToolDef(String name, String title, String description, List<Param> params, boolean change,
               Map<String, Object> output, Handler handler) {

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

    /** A tool whose output is the five-part report when it is a change, else still to be named with {@link #returning}. */
    ToolDef(String name, String title, String description, List<Param> params, boolean change, Handler handler) {
        this(name, title, description, params, change, change ? OutputSchemas.component("Report") : null, handler);
    }

    /** This tool, declaring the schema of what it returns. */
    ToolDef returning(Map<String, Object> schema) {
        return new ToolDef(name, title, description, params, change, schema, handler);
    }
}
