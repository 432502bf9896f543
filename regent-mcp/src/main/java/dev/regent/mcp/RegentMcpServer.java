package dev.regent.mcp;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.registry.RegistrySession;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Regent's MCP server: the agent tools over a {@link RegistrySession} per call. It holds no rules of its own — every
 * decision is the registry's, and every refusal or bad input comes back as a tool result explaining itself.
 * No state beyond its collaborators; one instance serves one connection.
 */
public final class RegentMcpServer {
    /**
     * Changes that a second identical call leaves as the first left them, writing nothing (a change that would change
     * nothing succeeds without writing): declared idempotent to clients. A rollback is not (a second one goes further
     * back), nor are registering, attaching, tagging and approving (each records something new).
     */
    static final java.util.Set<String> IDEMPOTENT_CHANGES = java.util.Set.of("promote", "set_alias", "annotate_version",
            "set_model_card");

    /** How long a request to the client (an elicitation a person answers) may wait for its answer. */
    static final java.time.Duration ELICITATION_TIMEOUT = java.time.Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(RegentMcpServer.class.getName());
    static final String INSTRUCTIONS = "Regent is a model registry that governs how trained models move between stages. "
            + "Every rule (gates, approvals, evidence-backed compliance tags, immutability) is enforced by the registry, "
            + "whatever the agent is told. Change tools return a five-part report (Plan, Changes, Verification, Rollback, "
            + "Summary); refusals say which rule refused and what would satisfy it. Use 'plan' to try a change without "
            + "writing, request_promotion to see what a promotion still needs, and the register-and-promote prompt for "
            + "the whole walk. Agents never approve.";

    private final CallerSessions sessions;
    private final Results results;
    private final Map<String, ToolDef> tools = new LinkedHashMap<>();
    private final String version;

    /**
     * @param sessions opens the session each tool call runs in (local: stamped via=mcp:TOOL; remote: the token's)
     * @param renderer the CLI's text rendering of reports
     * @param version  this server's version, as told to clients
     */
    public RegentMcpServer(SessionFactory sessions, ReportRenderer renderer, String version) {
        this((tool, transport) -> sessions.open(tool), renderer, version);
    }

    /**
     * A server whose calls act as the caller the transport authenticated (Streamable HTTP).
     *
     * @param sessions opens the session each call runs in, from the call's transport context
     */
    public RegentMcpServer(CallerSessions sessions, ReportRenderer renderer, String version) {
        this.sessions = sessions;
        this.results = new Results(renderer);
        this.version = version;
        List<ToolDef> all = new ArrayList<>(new ReadTools(results).all());
        List<ToolDef> changes = new ChangeTools(results).all();
        all.addAll(changes);
        all.add(plan(changes));
        all.forEach(t -> tools.put(t.name(), t));
    }

    /** The tools, as clients list them. */
    public List<Tool> tools() {
        return tools.values().stream().map(RegentMcpServer::describe).toList();
    }

    /** Runs one tool call: arguments checked first, then the registry; never throws for refusals or bad input. */
    public CallToolResult call(String name, Map<String, Object> arguments) {
        ToolDef def = tools.get(name);
        if (def == null) {
            return results.error(RegentException.invalid("unknown tool '" + name + "'; the tools are " + tools.keySet()));
        }
        return run(def, arguments, false, def.name(), null);
    }

    /**
     * Runs a call. When a change call lacks required inputs and the client can answer a form ({@code exchange} given,
     * elicitation declared), the user is asked for exactly those and the call goes on with the answers; declined or
     * cancelled, nothing is changed and the result says so. Otherwise missing inputs are refused with every problem.
     */
    private CallToolResult run(ToolDef def, Map<String, Object> arguments, boolean dryRun, String channelTool,
                               McpSyncServerExchange exchange) {
        try {
            Map<String, Object> given = arguments;
            RegistrySession session = null;
            McpTransportContext transport = exchange == null ? McpTransportContext.EMPTY : exchange.transportContext();
            MissingInputs missing = exchange != null && MissingInputs.supported(exchange.getClientCapabilities())
                    ? MissingInputs.of(def, arguments) : null;
            if (missing != null) {
                session = sessions.open(channelTool, transport);
                ElicitResult answer;
                try {
                    answer = exchange.createElicitation(missing.request(arguments, session));
                } catch (RuntimeException e) {
                    // no answer in time, or the client went away: as if cancelled, nothing changed
                    LOG.log(Level.FINE, "elicitation for " + def.name() + " got no answer", e);
                    return results.error(missing.declined("no answer"));
                }
                if (answer.action() != ElicitResult.Action.ACCEPT) {
                    return results.error(missing.declined(answer.action().name().toLowerCase(java.util.Locale.ROOT)));
                }
                given = missing.answered(arguments, answer.content());
            }
            Args args = Args.check(def.params(), given);
            if (session == null) {
                session = sessions.open(channelTool, transport);
            }
            return def.handler().call(session, args, dryRun);
        } catch (RegentException e) {
            return results.error(e);
        } catch (UncheckedIOException e) {
            return results.error(new RegentException(ErrorCode.INVALID_ARGUMENT, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tool " + def.name() + " failed", e);
            return results.error(new RegentException(ErrorCode.INTERNAL, "internal error in " + def.name() + ": " + e));
        }
    }

    private ToolDef plan(List<ToolDef> changes) {
        Map<String, ToolDef> byName = new LinkedHashMap<>();
        changes.forEach(t -> byName.put(t.name(), t));
        return new ToolDef("plan", "Plan a change (dry run)",
                "A dry run of any change tool: give its name in 'tool' and its arguments in 'arguments'. Returns the "
                        + "five-part report with the Plan's checks and gate results, marked as a dry run; writes nothing, "
                        + "not even an audit entry. Refuses unknown tools and the same bad input the tool would.",
                List.of(Param.choice("tool", true, List.copyOf(byName.keySet()), "The change tool to plan."),
                        Param.object("arguments", true, "That tool's arguments, as you would pass them to it.")),
                false, (session, args, dryRun) -> {
                    ToolDef target = byName.get(byName.keySet().stream().filter(n -> n.equalsIgnoreCase(args.required("tool").trim()))
                            .findFirst().orElseThrow());
                    return run(target, args.object("arguments"), true, "plan", null);
                }).returning(OutputSchemas.component("Report"));
    }

    private static Tool describe(ToolDef def) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param p : def.params()) {
            properties.put(p.name(), p.schema());
            if (p.required()) {
                required.add(p.name());
            }
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "object");
        input.put("properties", properties);
        input.put("required", required);
        input.put("additionalProperties", false);
        if (def.output() == null) {
            throw new IllegalStateException("tool " + def.name() + " declares no output schema");
        }
        // nothing Regent does destroys (versions are immutable, stages move, nothing is deleted); reads are read-only;
        // and the registry is the whole world a tool touches (openWorldHint false)
        return Tool.builder(def.name(), input).title(def.title()).description(def.description())
                .outputSchema(OutputSchemas.tool(def.output()))
                .annotations(ToolAnnotations.builder().title(def.title()).readOnlyHint(!def.change()).destructiveHint(false)
                        .idempotentHint(!def.change() || IDEMPOTENT_CHANGES.contains(def.name())).openWorldHint(false).build())
                .build();
    }

    /** A server over the given transport, with every tool, the resources and the prompt. */
    public McpSyncServer start(McpServerTransportProvider transport) {
        return configure(McpServer.sync(transport));
    }

    /** A server over Streamable HTTP (one session per client, each call as the caller its request authenticated). */
    public McpSyncServer start(McpStreamableServerTransportProvider transport) {
        return configure(McpServer.sync(transport));
    }

    /**
     * A server over Streamable HTTP whose resource notifications reach a session only while {@code mayTell} (session
     * id, model name) says its principal may read the model: a grant revoked after subscribing stops them.
     */
    public McpSyncServer start(McpStreamableServerTransportProvider transport,
                               java.util.function.BiPredicate<String, String> mayTell) {
        return configure(McpServer.sync(new TellingTransport(transport, mayTell)));
    }

    /**
     * Why the caller may not subscribe to {@code uri}, or empty when it may: a model, version or card URI of a model the
     * caller may not read is refused exactly as reading a missing model is ({@code RESOURCE_NOT_FOUND}, the same message),
     * so a subscription tells nothing of models one may not see. Other URIs are never notified and pass.
     */
    public java.util.Optional<io.modelcontextprotocol.spec.McpError> refuseSubscription(String uri, McpTransportContext transport) {
        java.util.Optional<String> model = Resources.modelOf(uri);
        if (model.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            new Resources(sessions).read(Resources.modelUri(model.get()), transport);
            return java.util.Optional.empty();
        } catch (io.modelcontextprotocol.spec.McpError e) {
            return java.util.Optional.of(e);
        } catch (RegentException e) {
            return java.util.Optional.of(io.modelcontextprotocol.spec.McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message(e.code() + ": " + e.getMessage()).build());
        }
    }

    /** The largest message a transport should read: the largest evidence in base64 and the rest of the call. */
    public static int maxMessageBytes() {
        return Limits.MESSAGE;
    }

    private McpSyncServer configure(McpServer.SyncSpecification<?> server) {
        List<SyncToolSpecification> specs = tools.values().stream().map(def -> SyncToolSpecification.builder().tool(describe(def))
                .callHandler((exchange, request) -> run(def, request.arguments(), false, def.name(), exchange))
                .build()).toList();
        return server
                .serverInfo(McpSchema.Implementation.builder("regent", version).title("Regent model registry").build())
                // arguments are checked by Args, which lists every problem at once in Regent's words, and lets a change
                // call that only lacks required inputs ask the user for them (the SDK's check would refuse it first)
                .validateToolInputs(false)
                // a person answers an elicitation: give them time (the SDK's default is seconds)
                .requestTimeout(ELICITATION_TIMEOUT)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(true, false).prompts(false).build())
                .tools(specs)
                .resourceTemplates(new Resources(sessions).templates())
                .prompts(Prompts.spec())
                .build();
    }

    /**
     * Serves one client over stdio until its input ends. {@code out} belongs to the protocol: nothing else may write
     * to it. Messages may carry up to 16 MiB of base64 evidence, more than the JSON library reads by default.
     */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        serveStdio(in, out, null);
    }

    /**
     * As {@link #serveStdio(InputStream, OutputStream)}, telling the client's resource subscriptions of the changes
     * {@code changes} reports (none when null). Over stdio the process is one principal: the client may be told of
     * everything that principal may read, which is checked at each change.
     */
    public void serveStdio(InputStream in, OutputStream out, ChangeFeed changes) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int n) {
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        // where the feed stands before the client can subscribe: no change after a subscription is missed
        long head = changes == null ? 0 : changes.head();
        McpSyncServer server = start(new StdioServerTransportProvider(jsonMapper(), watched, out, Limits.MESSAGE));
        // one principal: a change is told only when that principal may read the model (the SDK keeps subscriptions
        // without asking, so the check is here, per change)
        ResourceFollower follower = changes == null ? null : ResourceFollower.start(server, changes, head,
                model -> refuseSubscription(Resources.modelUri(model), McpTransportContext.EMPTY).isEmpty());
        try {
            ended.await();
        } finally {
            if (follower != null) {
                follower.close();
            }
            server.closeGracefully();
        }
    }

    /** The SDK's JSON mapper with room for the largest message a tool accepts (16 MiB of evidence in base64). */
    public static McpJsonMapper jsonMapper() {
        // nesting, numbers and names bounded as on the HTTP APIs (InputLimits); strings allowed the base64 evidence
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Limits.CONTENT_BASE64 + 1024)
                .maxNestingDepth(dev.regent.core.input.InputLimits.JSON_MAX_DEPTH)
                .maxNumberLength(dev.regent.core.input.InputLimits.JSON_MAX_NUMBER_LENGTH)
                .maxNameLength(dev.regent.core.input.InputLimits.JSON_MAX_NAME_LENGTH).build()).build();
        return new JacksonMcpJsonMapper(JsonMapper.builder(factory).build());
    }
}
