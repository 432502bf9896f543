package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.registry.TokenIssued;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreFactory;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `/mcp` on a real server on a random port, driven by the MCP SDK's own Streamable HTTP client and by raw HTTP: the
 * current protocol revision, each call as the bearer token's principal (recorded via=mcp:<tool>), gates refused with
 * each gate named, and the transport's rules — no token, a foreign Origin, another principal's session id, a revoked
 * token — refused.
 */
class McpOverHttpTest {
    static final String POLICY = """
            version: 1
            default:
              stages:
                Production:
                  - artifact_digest: {}
                  - eval_report: { metrics: "metrics.auc >= 0.90" }
                  - approvals: { count: 1, roles: [approver] }
            """;
    static final Principal ADMIN = Principal.of("admin");
    static Path dir;
    static RegistryStore store;
    static Registry registry;
    static RegentServer server;
    static int port;
    static String agentToken;
    static String agentTokenId;
    static String viewerToken;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("regent-mcp-http");
        store = StoreFactory.open(dir, null);
        registry = new Registry(store, Clock.systemUTC(), new Random(42), SourceRules.references(),
                PolicyParser.parse(POLICY, "policy.yaml"), StoreFactory.blobs(dir), true);
        registry.access().bootstrapServerAdmin(ADMIN, null).orElseThrow();
        registry.access().addPrincipal(ADMIN, Principal.of("agent-1"), PrincipalKind.AGENT, new Grant(Role.CONTRIBUTOR, null), false);
        TokenIssued agent = registry.access().issueToken(ADMIN, Principal.of("agent-1"), null, "mcp test", false);
        agentToken = agent.secret().orElseThrow();
        agentTokenId = agent.tokenId();
        registry.access().addPrincipal(ADMIN, Principal.of("viewer"), PrincipalKind.USER, new Grant(Role.VIEWER, null), false);
        viewerToken = registry.access().issueToken(ADMIN, Principal.of("viewer"), null, "mcp test", false).secret().orElseThrow();
        byte[] key = new byte[32];
        server = new RegentServer(registry, StoreFactory.blobs(dir), Clock.systemUTC(), ServerConfig.defaults("127.0.0.1", 0, key))
                .withMcp(report -> report.summary() + "\n" + report.plan().preconditions().stream()
                        .map(f -> (f.passed() ? "[pass] " : "[FAIL] ") + f.check() + " - " + f.detail())
                        .collect(Collectors.joining("\n")), "test");
        port = server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    static McpSyncClient client(String token) {
        return client(token, spec -> spec);
    }

    static McpSyncClient client(String token, java.util.function.UnaryOperator<McpClient.SyncSpec> configure) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp").requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        McpSyncClient client = configure.apply(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))).build();
        client.initialize();
        return client;
    }

    @Test
    void anAgentWorksAsItsTokensPrincipalAtTheCurrentRevisionAndGatesAreExplained() {
        try (McpSyncClient agent = client(agentToken)) {
            assertThat(agent.getCurrentInitializationResult().protocolVersion()).isEqualTo("2025-11-25");
            assertThat(agent.listTools().tools()).hasSize(19);
            CallToolResult created = agent.callTool(new CallToolRequest("create_model", Map.of("model", "fraud-detector")));
            assertThat(created.isError()).as(text(created)).isFalse();
            CallToolResult registered = agent.callTool(new CallToolRequest("register_version", Map.of("model", "fraud-detector",
                    "source", "s3://m/1", "metrics", Map.of("auc", 0.8))));
            assertThat(registered.isError()).as(text(registered)).isFalse();

            CallToolResult promoted = agent.callTool(new CallToolRequest("promote", Map.of("model", "fraud-detector",
                    "version", 1, "stage", "Production", "reason", "ship it")));
            assertThat(promoted.isError()).isTrue();
            assertThat(text(promoted)).contains("REFUSED (GATE_FAILED)", "artifact_digest", "eval_report", "approvals");
            assertThat(((Map<?, ?>) promoted.structuredContent()).get("refusal")).isEqualTo("GATE_FAILED");
        }
        List<AuditEntry> entries = registry.as(ADMIN).audit(AuditQuery.all(100));
        assertThat(entries).filteredOn(e -> e.actor().name().equals("agent-1")).extracting(e -> e.after().get("via"))
                .contains("mcp:create_model", "mcp:register_version", "mcp:promote");
    }

    @Test
    void aMissingInputIsAskedForOverHttpToo() {
        List<Map<String, Object>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (McpSyncClient agent = client(agentToken, spec -> spec
                .capabilities(io.modelcontextprotocol.spec.McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(request -> {
                    asked.add(request.requestedSchema());
                    return io.modelcontextprotocol.spec.McpSchema.ElicitResult.builder(
                            io.modelcontextprotocol.spec.McpSchema.ElicitResult.Action.ACCEPT).content(Map.of("version", "1")).build();
                }))) {
            assertThat(agent.callTool(new CallToolRequest("create_model", Map.of("model", "asked-over-http"))).isError()).isFalse();
            assertThat(agent.callTool(new CallToolRequest("register_version", Map.of("model", "asked-over-http",
                    "source", "s3://m/1"))).isError()).isFalse();
            CallToolResult annotated = agent.callTool(new CallToolRequest("annotate_version", Map.of("model", "asked-over-http",
                    "description", "described after asking")));
            assertThat(annotated.isError()).as(text(annotated)).isFalse();
            assertThat(asked).hasSize(1);
            assertThat(((Map<?, ?>) ((Map<?, ?>) asked.get(0).get("properties")).get("version")).get("enum")).isEqualTo(List.of("1"));
        }
    }

    @Test
    void theCoreAuthorizesEachCallAsTheTokensPrincipal() {
        try (McpSyncClient viewer = client(viewerToken)) {
            CallToolResult refused = viewer.callTool(new CallToolRequest("create_model", Map.of("model", "not-by-a-viewer")));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("PERMISSION_DENIED");
        }
    }

    @Test
    void withoutATokenTheEndpointRefusesAndSaysWhereToLearnHowToGetOne() throws Exception {
        HttpResponse<String> anonymous = post(null, null, null, initialize());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        String challenge = anonymous.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer resource_metadata=\"http://127.0.0.1:" + port
                + "/.well-known/oauth-protected-resource/mcp\"");
        assertThat(post("not-a-token", null, null, initialize()).statusCode()).isEqualTo(401);

        HttpResponse<String> metadata = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/.well-known/oauth-protected-resource/mcp")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(metadata.body());
        assertThat(body.get("resource").asText()).isEqualTo("http://127.0.0.1:" + port + "/mcp");
        assertThat(body.get("bearer_methods_supported").get(0).asText()).isEqualTo("header");
        assertThat(body.get("regent_token_instructions").asText()).contains("regent token create");
    }

    @Test
    void aForeignOriginIsRefusedAndTheServersOwnIsNot() throws Exception {
        HttpResponse<String> foreign = post(agentToken, null, "http://evil.example", initialize());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(post(agentToken, null, "http://127.0.0.1:" + port + ".evil.example", initialize()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> own = post(agentToken, null, "http://127.0.0.1:" + port, initialize());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    @Test
    void aSessionAnswersOnlyItsPrincipalAndARevokedTokenIsRefusedAtItsNextRequest() throws Exception {
        registry.access().addPrincipal(ADMIN, Principal.of("agent-2"), PrincipalKind.AGENT, new Grant(Role.CONTRIBUTOR, null), false);
        TokenIssued issued = registry.access().issueToken(ADMIN, Principal.of("agent-2"), null, "revoked later", false);
        String token = issued.secret().orElseThrow();
        HttpResponse<String> opened = post(token, null, null, initialize());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        String session = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(post(token, session, null, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
                .isEqualTo(202);
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
        assertThat(post(token, session, null, list).body()).contains("\"promote\"");

        HttpResponse<String> hijack = post(viewerToken, session, null, list);
        assertThat(hijack.statusCode()).isEqualTo(404);
        assertThat(hijack.body()).doesNotContain("promote");
        assertThat(post(token, "made-up-" + session, null, list).statusCode()).isEqualTo(404);

        registry.access().revokeToken(ADMIN, issued.tokenId(), false);
        HttpResponse<String> revoked = post(token, session, null, list);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).doesNotContain("promote");
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    }

    private static HttpResponse<String> post(String token, String session, String origin, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
            request.header("MCP-Protocol-Version", "2025-11-25");
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(CallToolResult result) {
        return result.content().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }
}
