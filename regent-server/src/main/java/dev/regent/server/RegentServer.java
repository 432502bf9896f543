package dev.regent.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.ErrorWire;
import dev.regent.api.OpenApiDocument;
import dev.regent.api.RegentJson;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.blob.BlobStore;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.registry.Registry;
import dev.regent.server.mlflow.MlflowErrors;
import dev.regent.server.mlflow.MlflowRoutes;
import dev.regent.server.ui.WebUi;
import io.javalin.Javalin;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The native REST API server: Javalin over Jetty, routes per feature that translate and delegate to the
 * {@link Registry}. Built from its collaborators (no static state); {@link #start()} binds and returns the port,
 * {@link #stop()} lets in-flight requests finish and returns (the caller closes the store afterwards).
 */
public final class RegentServer {
    private final Registry registry;
    private final BlobStore blobs;
    private final Clock clock;
    private final ServerConfig config;
    private final PrometheusMeterRegistry meters;
    private final CheckpointSigner audit;
    private Javalin app;
    private AccessLog accessLog;
    private ScheduledExecutorService checkpoints;
    private dev.regent.mcp.ReportRenderer mcpRenderer;
    private String mcpVersion;
    private McpEndpoint mcp;
    private dev.regent.server.webhook.WebhookSettings webhookSettings = dev.regent.server.webhook.WebhookSettings.defaults(List.of());
    private dev.regent.server.webhook.DestinationPolicy.Resolver resolver = java.net.InetAddress::getAllByName;
    private EventStreamLimits eventStreamLimits = EventStreamLimits.defaults();
    private EventStreams eventStreams;
    private dev.regent.server.webhook.DeliveryWorker deliveries;

    /**
     * @param registry a Registry constructed with {@code authenticated = true} (approvals are then by authenticated
     *                 principals, not asserted ones)
     */
    public RegentServer(Registry registry, BlobStore blobs, Clock clock, ServerConfig config) {
        this(registry, blobs, clock, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public RegentServer(Registry registry, BlobStore blobs, Clock clock, ServerConfig config, PrometheusMeterRegistry meters) {
        this(registry, blobs, clock, config, meters, null);
    }

    /**
     * @param audit signs and proves the audit tree (the signing key inside it); null serves the audit tree routes as
     *              503 and signs nothing
     */
    public RegentServer(Registry registry, BlobStore blobs, Clock clock, ServerConfig config, PrometheusMeterRegistry meters,
                        CheckpointSigner audit) {
        this.audit = audit;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /**
     * Also serves the agent tools at {@code /mcp} (MCP over Streamable HTTP, see {@link McpEndpoint}), rendering
     * reports as {@code renderer} does; call before {@link #start()}.
     */
    public synchronized RegentServer withMcp(dev.regent.mcp.ReportRenderer renderer, String version) {
        this.mcpRenderer = Objects.requireNonNull(renderer, "renderer");
        this.mcpVersion = Objects.requireNonNull(version, "version");
        return this;
    }

    /**
     * How this server delivers webhooks (allowed ranges, retries, timeouts); call before {@link #start()}. Without it
     * no private range is allowed and retries last 72 hours.
     */
    public synchronized RegentServer webhooks(dev.regent.server.webhook.WebhookSettings settings) {
        this.webhookSettings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** The bounds of the event feed's Server-Sent Events streams (see {@link EventStreamLimits}); before start. */
    public synchronized RegentServer eventStreams(EventStreamLimits limits) {
        this.eventStreamLimits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /** The resolver webhook destinations are checked with (the system's unless a test gives its own); before start. */
    public synchronized RegentServer webhookResolver(dev.regent.server.webhook.DestinationPolicy.Resolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        return this;
    }

    /** Binds and starts serving; returns the bound port. Refuses to start when a route lacks a route-table entry. */
    public synchronized int start() {
        if (app != null) {
            throw new IllegalStateException("the server is already started");
        }
        ObjectMapper mapper = RegentJson.newMapper();
        List<HandlerMetaInfo> registered = new ArrayList<>();
        Javalin javalin = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.maxRequestSize = config.maxJsonBytes();
            c.http.generateEtags = false;
            // the web UI's file uploads (artifacts, cards, evidence): parts beyond 1 MiB spill to a temp file
            c.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes() + config.maxJsonBytes(),
                    io.javalin.config.SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
            c.jetty.modifyServer(server -> {
                server.setStopTimeout(config.stopTimeout().toMillis());
                // a Graceful handler makes the drain explicit: on stop Jetty waits (up to the stop timeout) for the
                // requests this wrapper counts; Javalin attaches its own handlers inside it
                server.setHandler(new org.eclipse.jetty.server.handler.StatisticsHandler());
            });
            c.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(config.maxHeaderBytes());
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            c.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(config.host());
                connector.setPort(config.port());
                connector.setIdleTimeout(config.idleTimeout().toMillis());
                return connector;
            });
            c.events.handlerAdded(registered::add);
            if (mcpRenderer != null) {
                c.jetty.modifyServletContextHandler(context -> mcp = McpEndpoint.mount(context, registry,
                        config.allowedHosts(), clock, mcpRenderer, mcpVersion));
            }
        });
        OperationalMeters.bind(meters, blobs, audit, clock);
        ServerParts parts = new ServerParts(registry, blobs, clock, config, mapper, new PageTokens(config.pageTokenKey()),
                new ServerMetrics(meters), new ETags(mapper), audit, new AccessLog(), new RenderedBodies(mapper));
        accessLog = parts.accessLog();
        ErrorMapper errors = new ErrorMapper();
        // one before-handler, not two: Javalin matches every before-handler's path against every request (a regex
        // and a Kotlin sequence each, seen in the profile of /health)
        javalin.before(ctx -> {
            // every answer, of every surface and error page: a browser never guesses a type other than the one sent
            ctx.header("X-Content-Type-Options", "nosniff");
            // a request for a name this server does not answer for (DNS rebinding) is refused before anything else runs
            if (!config.allowedHosts().allows(ctx.header("Host"))) {
                throw new RegentException(ErrorCode.MISDIRECTED, "this server does not answer for the host '"
                        + String.valueOf(ctx.header("Host")).replaceAll("[^\\x20-\\x7e]", "?") + "'; it answers for "
                        + String.join(", ", config.allowedHosts().names()) + " (start it with --public-url URL to add a name)");
            }
        });
        Guard guard = new Guard(registry);
        Endpoints endpoints = new Endpoints(javalin, parts, guard, new Idempotency(registry.idempotencyKeys()), errors);
        registerRoutes(endpoints);
        dev.regent.server.webhook.WebhookSender sender = new dev.regent.server.webhook.WebhookSender(
                new dev.regent.server.webhook.DestinationPolicy(webhookSettings.allow(), resolver), webhookSettings, clock);
        new WebhookRoutes(sender).register(endpoints);
        eventStreams = new EventStreams(eventStreamLimits);
        EventRoutes.register(endpoints, eventStreams);
        WebUi ui = new WebUi(registry, clock, new dev.regent.server.webhook.WebhookPing(sender, mapper, clock), sender.policy());
        ui.register(new UiEndpoints(javalin, parts, guard, ui));
        javalin.error(404, ctx -> {
            String sent = ctx.res().getContentType();
            if (sent != null && sent.startsWith("text/html") && ctx.result() != null && !ctx.result().isEmpty()) {
                // a UI page already rendered its own 404 (a model or version that does not exist): keep it
                return;
            }
            boolean unanswered = ctx.result() == null || ctx.result().isEmpty() || ctx.result().startsWith("Endpoint ");
            String accept = ctx.header("Accept");
            if (unanswered && !ctx.path().startsWith("/api/") && !MlflowRoutes.serves(ctx.path())
                    && accept != null && accept.contains("text/html")) {
                // a browser that followed a wrong link gets a page, not JSON
                ui.prepare(ctx);
                ui.error(ctx, 404, ErrorCode.NOT_FOUND, "there is no page at " + ctx.path(), ui.signedIn(ctx).orElse(null));
            } else if ((ctx.result() == null || !ctx.result().startsWith("{")) && MlflowRoutes.serves(ctx.path())) {
                ctx.contentType("application/json");
                ctx.result(mapper.writeValueAsString(MlflowRoutes.noSuchEndpoint(ctx.method().name(), ctx.path())));
            } else if (ctx.result() == null || !ctx.result().startsWith("{")) {
                ctx.contentType("application/json");
                ctx.result(mapper.writeValueAsString(ErrorWire.of(ErrorCode.NOT_FOUND.name(),
                        "no route " + ctx.method().name() + " " + ctx.path() + "; see " + OpenApiDocument.PATH, Map.of())));
            }
        });
        javalin.exception(Exception.class, (e, ctx) -> {
            ErrorMapping.Mapped mapped = errors.map(e, ctx.method().name() + " " + ctx.path());
            ctx.status(mapped.status());
            mapped.headers().forEach(ctx::header);
            ctx.contentType("application/json");
            try {
                ctx.result(mapper.writeValueAsString(mapped.body()));
            } catch (Exception ignored) {
                ctx.result("{\"error\":{\"code\":\"INTERNAL\",\"message\":\"unexpected error\",\"details\":{}}}");
            }
        });
        try {
            checkRouteTable(registered);
            javalin.start();
        } catch (RuntimeException e) {
            accessLog.close();
            accessLog = null;
            throw e;
        }
        app = javalin;
        startCheckpoints();
        deliveries = new dev.regent.server.webhook.DeliveryWorker(registry.webhooks().queue(webhookSettings.retries()),
                registry.webhooks().queue(webhookSettings.retries())::commits, sender,
                new dev.regent.server.webhook.EventBodies(mapper), webhookSettings, clock);
        deliveries.start();
        return javalin.port();
    }

    /** Stops accepting requests, waits for in-flight ones (up to the stop timeout), and returns. */
    public synchronized void stop() {
        if (deliveries != null) {
            deliveries.close();
            deliveries = null;
        }
        if (checkpoints != null) {
            checkpoints.shutdownNow();
            try {
                checkpoints.awaitTermination(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            checkpoints = null;
        }
        if (eventStreams != null) {
            eventStreams.close(); // open event streams end at their next poll instead of holding the drain
            eventStreams = null;
        }
        if (mcp != null) {
            mcp.closeSessions(); // open MCP streams would hold the drain below until its timeout
            mcp = null;
        }
        if (app != null) {
            app.stop();
            app = null;
        }
        if (accessLog != null) {
            accessLog.close(); // after the last request: every line is written when stop returns
            accessLog = null;
        }
    }

    /**
     * Signs checkpoints on the audit signer's schedule: its tick runs at least every second (more often when the
     * interval is shorter), from the start, so a log with unsigned entries is sealed at once.
     */
    private void startCheckpoints() {
        if (audit == null) {
            return;
        }
        // before the first tick and before /ready answers: the stored tree must still be the one last signed
        AuditIncidents.checkAtStart(audit);
        long period = Math.max(10, Math.min(1000, audit.schedule().every().toMillis()));
        checkpoints = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "regent-audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        checkpoints.scheduleWithFixedDelay(() -> AuditIncidents.tick(audit), 0, period, TimeUnit.MILLISECONDS);
    }

    /** The meters (requests, gate refusals, transitions), for the composition root to share. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Every route of the native API (the OpenAPI document's scope), as "METHOD /template", from the route table. */
    public static List<String> routes() {
        return RouteTable.NATIVE.stream().map(e -> e.method().name() + " " + e.path()).toList();
    }

    private static void registerRoutes(Endpoints e) {
        SystemRoutes.register(e, OpenApiDocument.text());
        ModelRoutes.register(e);
        VersionRoutes.register(e);
        StageRoutes.register(e);
        AliasRoutes.register(e);
        CardRoutes.register(e);
        EvidenceRoutes.register(e);
        TagRoutes.register(e);
        ApprovalRoutes.register(e);
        AuditRoutes.register(e);
        AuditTreeRoutes.register(e);
        TlogTileRoutes.register(e);
        PrincipalRoutes.register(e);
        TokenRoutes.register(e);
        PolicyRoutes.register(e);
        MlflowRoutes.register(e.surface(new MlflowErrors(e.errors()), true), RouteTable.MLFLOW_PREFIXES);
    }

    /** Deny by default: every registered HTTP route has a table entry, and every entry a route. */
    static void checkRouteTable(List<HandlerMetaInfo> registered) {
        Set<String> seen = new TreeSet<>();
        Set<String> gets = new TreeSet<>();
        registered.stream().filter(m -> m.getHttpMethod() == HandlerType.GET).forEach(m -> gets.add(m.getPath()));
        for (HandlerMetaInfo meta : registered) {
            HandlerType method = meta.getHttpMethod();
            if (!method.isHttpMethod()) {
                continue;
            }
            if (method == HandlerType.HEAD) {
                // HEAD is served only as its GET (same entry, same handler); a HEAD route of its own is refused
                if (!gets.contains(meta.getPath())) {
                    throw new IllegalStateException("refusing to start: route HEAD " + meta.getPath()
                            + " has no GET route to answer as");
                }
                continue;
            }
            if (RouteTable.find(method, meta.getPath()).isEmpty()) {
                throw new IllegalStateException("refusing to start: route " + method + " " + meta.getPath()
                        + " has no entry in the route table");
            }
            seen.add(method.name() + " " + meta.getPath());
        }
        for (RouteTable.Entry entry : RouteTable.ALL) {
            if (!seen.contains(entry.method().name() + " " + entry.path())) {
                throw new IllegalStateException("refusing to start: route table entry " + entry.method() + " " + entry.path()
                        + " has no route");
            }
        }
    }
}
