package dev.regent.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.ErrorWire;
import dev.regent.api.RegentJson;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.registry.Registry;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.mcp.CallerSessions;
import dev.regent.mcp.ChangeFeed;
import dev.regent.mcp.ResourceFollower;
import dev.regent.mcp.RegentMcpServer;
import dev.regent.mcp.ReportRenderer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * {@code /mcp}: the agent tools over MCP's Streamable HTTP transport (the MCP SDK's servlet: POST for messages, GET
 * for the server's stream, DELETE to end a session, sessions by {@code Mcp-Session-Id}). It is a servlet beside
 * Javalin's, not a route of the route table, so it does here what the table's wrapper does for routes, on every
 * request: the Host rule, the Origin rule the transport requires against DNS rebinding, and authentication by the
 * same bearer tokens. Each tool call then acts as the principal of the token its own request carried — a revoked
 * token is refused at its next request, whatever session it opened — and a session answers only the principal that
 * opened it. Authorization is the core's, as for every other surface; changes are recorded {@code via=mcp:<tool>}.
 */
final class McpEndpoint extends HttpServlet {
    static final String PATH = "/mcp";
    /** RFC 9728 Protected Resource Metadata for {@link #PATH}: where a client learns how to get a token. */
    static final String METADATA_PATH = "/.well-known/oauth-protected-resource/mcp";
    /** Open sessions at most; a new one beyond is refused until sessions end (DELETE) or expire. */
    static final int MAX_SESSIONS = 1000;
    /** A session unused this long ends: its id is forgotten and answers 404, so the client opens a new one. */
    static final Duration SESSION_IDLE = Duration.ofMinutes(30);
    private static final String CALLER = "regent.caller";
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final long serialVersionUID = 1L;

    private final transient Registry registry;
    private final transient AllowedHosts hosts;
    private final transient ReportRenderer renderer;
    private final transient String version;
    /**
     * The MCP SDK's server, built by the first request to {@link #PATH}: building it loads the SDK, Reactor and the
     * JSON-schema validator (about a quarter of the classes a server loads, measured as a quarter of its start-up),
     * and starts the change follower that polls the event feed for subscribed sessions — none of which a server whose
     * agents never call needs. Every check above runs before it is asked for.
     */
    private transient volatile Sdk sdk;
    /** Set by {@link #closeSessions()}: a stopping server builds no SDK (its follower would outlive the server). */
    private transient boolean closed;
    private final transient ObjectMapper json = RegentJson.newMapper();
    /**
     * Who opened each session and when it was last used. A session id is not a credential: another principal
     * presenting it is refused, and so is an id this endpoint did not hand out or has forgotten.
     */
    private final transient Map<String, Owner> owners = new ConcurrentHashMap<>();
    private final transient Clock clock;

    /** The principal that opened a session, and when the session was last used. */
    private static final class Owner {
        final String principal;
        volatile Instant lastUsed;

        Owner(String principal, Instant lastUsed) {
            this.principal = principal;
            this.lastUsed = lastUsed;
        }
    }

    private McpEndpoint(Registry registry, AllowedHosts hosts, Clock clock, ReportRenderer renderer, String version) {
        this.registry = registry;
        this.hosts = hosts;
        this.clock = clock;
        this.renderer = renderer;
        this.version = version;
    }

    /** The SDK's transport, server, tools and change follower, made once (see {@link #sdk}). */
    private static final class Sdk {
        final HttpServletStreamableServerTransportProvider transport;
        final McpSyncServer server;
        final RegentMcpServer tools;
        /** Tells subscribed sessions of changes, from the event feed webhooks are sent from. */
        final ResourceFollower follower;

        Sdk(McpEndpoint endpoint) {
            this.transport = HttpServletStreamableServerTransportProvider.builder()
                    .jsonMapper(RegentMcpServer.jsonMapper())
                    .mcpEndpoint(PATH)
                    .maxRequestSize(RegentMcpServer.maxMessageBytes())
                    // sessions without an open stream that stay unused between two sweeps are dropped by the SDK; no
                    // keep-alive pings, which would only log failures for clients that never opened the server's stream
                    .sessionSweepInterval(SESSION_IDLE)
                    .contextExtractor(request -> McpTransportContext.create(Map.of(CALLER, request.getAttribute(CALLER))))
                    .build();
            Registry registry = endpoint.registry;
            CallerSessions sessions = (tool, context) -> {
                PrincipalRecord caller = (PrincipalRecord) context.get(CALLER);
                if (caller == null) {
                    throw new RegentException(ErrorCode.UNAUTHENTICATED, "no authenticated caller for this call");
                }
                return registry.via("mcp:" + tool).as(caller.principal());
            };
            this.tools = new RegentMcpServer(sessions, endpoint.renderer, endpoint.version);
            // a session is told of a change only while its principal may read the model (grants can change after subscribing)
            this.server = tools.start(transport, endpoint::mayTell);
            this.follower = ResourceFollower.start(server, ChangeFeed.of(registry), model -> true);
        }

        void close() {
            follower.close();
            server.closeGracefully();
        }
    }

    private Sdk sdk() {
        Sdk made = sdk;
        if (made == null) {
            synchronized (this) {
                made = sdk;
                if (made == null) {
                    if (closed) {
                        throw new IllegalStateException("the server is stopping");
                    }
                    made = new Sdk(this);
                    sdk = made;
                }
            }
        }
        return made;
    }

    /** Serves MCP at {@link #PATH} and its resource metadata at {@link #METADATA_PATH} in Jetty's servlet context. */
    static McpEndpoint mount(ServletContextHandler context, Registry registry, AllowedHosts hosts, Clock clock,
                             ReportRenderer renderer, String version) {
        McpEndpoint endpoint = new McpEndpoint(registry, hosts, clock, renderer, version);
        ServletHolder holder = new ServletHolder(endpoint);
        holder.setAsyncSupported(true); // the server's stream (GET) and streamed answers stay open
        context.addServlet(holder, PATH);
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                endpoint.metadata(request, response);
            }
        }), METADATA_PATH);
        return endpoint;
    }

    /**
     * Ends every session, completing the server streams clients hold open, so a stopping server's drain does not wait
     * out its timeout on them.
     */
    void closeSessions() {
        Sdk made;
        synchronized (this) {
            closed = true;
            made = sdk;
        }
        if (made != null) {
            made.close();
        }
        owners.clear();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!hosts.allows(request.getHeader("Host"))) {
            refuse(response, 421, ErrorCode.MISDIRECTED, "this server does not answer for the host in the request");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request.getHeader("Host"))) {
            refuse(response, 403, ErrorCode.PERMISSION_DENIED, "requests from the web origin '" + printable(origin)
                    + "' are refused: /mcp answers clients of its own origin and non-browser clients only");
            return;
        }
        PrincipalRecord caller;
        try {
            caller = registry.access().authenticate(bearer(request));
        } catch (RegentException e) {
            response.setHeader("WWW-Authenticate", "Bearer resource_metadata=\"" + base(request) + METADATA_PATH + "\"");
            refuse(response, 401, ErrorCode.UNAUTHENTICATED, e.getMessage());
            return;
        }
        String name = caller.principal().name();
        String session = request.getHeader(SESSION_HEADER);
        Instant now = clock.instant();
        forgetIdle(now);
        if (session != null) {
            Owner owner = owners.get(session);
            if (owner == null || !owner.principal.equals(name)) {
                // the same answer as for a session that does not exist: a session id tells nothing to another principal
                refuse(response, 404, ErrorCode.NOT_FOUND, "no such session; open a new one (initialize without "
                        + SESSION_HEADER + ")");
                return;
            }
            owner.lastUsed = now;
        } else if ("POST".equals(request.getMethod()) && owners.size() >= MAX_SESSIONS) {
            response.setHeader("Retry-After", "60");
            refuse(response, 503, ErrorCode.UNAVAILABLE, "too many open MCP sessions (" + MAX_SESSIONS
                    + "); end unused ones (DELETE /mcp) or retry later");
            return;
        }
        request.setAttribute(CALLER, caller);
        if ("POST".equals(request.getMethod())) {
            BufferedBody body = BufferedBody.of(request, RegentMcpServer.maxMessageBytes() + 1);
            request = body.request();
            if (refusedSubscription(body.bytes(), caller, response)) {
                return;
            }
        }
        sdk().transport.service(request, response);
        String opened = response.getHeader(SESSION_HEADER);
        if (session == null && opened != null) {
            owners.put(opened, new Owner(name, now));
        }
        if (session != null && ("DELETE".equals(request.getMethod()) || response.getStatus() == 404)) {
            owners.remove(session);
        }
    }

    /**
     * A {@code resources/subscribe} to a model the caller may not read is answered here, before the SDK (which keeps any
     * subscription it is sent), with the error reading a missing model gives: a JSON-RPC error, code
     * {@code RESOURCE_NOT_FOUND}, the same message.
     */
    private boolean refusedSubscription(byte[] body, PrincipalRecord caller, HttpServletResponse response) throws IOException {
        Optional<JsonRpcPeek.Subscribe> subscribe = JsonRpcPeek.subscribe(body);
        if (subscribe.isEmpty() || subscribe.get().id() == null) {
            return false; // without an id it is a notification, which the SDK ignores: nothing is subscribed
        }
        Optional<McpError> refusal = sdk().tools.refuseSubscription(subscribe.get().uri(),
                McpTransportContext.create(Map.of(CALLER, caller)));
        if (refusal.isEmpty()) {
            return false;
        }
        McpSchema.JSONRPCResponse.JSONRPCError error = refusal.get().getJsonRpcError();
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", error.code());
        err.put("message", error.message());
        if (error.data() != null) {
            err.put("data", error.data());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", subscribe.get().id());
        answer.put("error", err);
        response.setStatus(200);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(answer));
        return true;
    }

    /** Whether the principal that opened {@code sessionId} may read {@code model} now. */
    private boolean mayTell(String sessionId, String model) {
        Owner owner = owners.get(sessionId);
        if (owner == null) {
            return false;
        }
        try {
            registry.as(Principal.of(owner.principal)).overview(ModelName.of(model));
            return true;
        } catch (RegentException e) {
            return false;
        }
    }

    private void forgetIdle(Instant now) {
        Instant cutoff = now.minus(SESSION_IDLE);
        owners.values().removeIf(owner -> owner.lastUsed.isBefore(cutoff));
    }

    @Override
    public void destroy() {
        closeSessions();
        super.destroy();
    }

    private void metadata(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!hosts.allows(request.getHeader("Host"))) {
            refuse(response, 421, ErrorCode.MISDIRECTED, "this server does not answer for the host in the request");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource", base(request) + PATH);
        // Regent issues its own bearer tokens; there is no OAuth authorization server to send a client to (yet)
        body.put("authorization_servers", List.of());
        body.put("bearer_methods_supported", List.of("header"));
        body.put("resource_name", "Regent model registry (MCP)");
        body.put("regent_token_instructions", "Register the agent's principal ('regent principal add NAME --role "
                + "contributor --agent') and create its token ('regent token create NAME --expires-in 30d', or "
                + "POST /api/v1/tokens); send it as 'Authorization: Bearer <token>'.");
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    /** The origin of a browser page is this server's own when its authority is the request's Host. */
    static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null
                    && uri.getRawAuthority().equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String base(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return request.getScheme() + "://" + (host == null ? request.getServerName() + ":" + request.getServerPort() : host);
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw new RegentException(ErrorCode.UNAUTHENTICATED, "/mcp needs 'Authorization: Bearer <token>'; create a "
                    + "token for the agent's principal with 'regent token create PRINCIPAL'");
        }
        String h = header.trim();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new RegentException(ErrorCode.UNAUTHENTICATED, "only bearer tokens are accepted: 'Authorization: Bearer <token>'");
        }
        return h.substring(7).trim();
    }

    private void refuse(HttpServletResponse response, int status, ErrorCode code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsString(ErrorWire.of(code.name(), message, Map.of()))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String printable(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
