package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.core.policy.PolicyParser;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP Inspector's CLI — an independent client, not Regent's SDK — drives the agent tools over both
 * transports: `regent mcp` over stdio (the Inspector starts it) and `/mcp` of a running `regent serve` over Streamable
 * HTTP with the agent's bearer token. On each it negotiates the current protocol revision, lists the tools, reads
 * structured content that matches the declared output schema, and an agent's promotion past failing gates is a tool
 * error naming each failing gate, refused and recorded. Without a token or with a foreign Origin the HTTP endpoint
 * refuses. Each Inspector call is one Node process (and over stdio one `regent mcp` JVM), so the calls are few.
 */
class McpInspectorTest {
    static final String CURRENT_REVISION = "2025-11-25";
    static final List<String> TOOLS = List.of("find_models", "get_model", "get_version", "check_gates", "show_policy",
            "request_promotion", "verify_version", "audit_log", "create_model", "register_version", "annotate_version",
            "set_model_card", "attach_evidence", "set_compliance_tag", "approve", "promote", "rollback", "set_alias", "plan");
    static final String POLICY = """
            version: 1
            default:
              stages:
                Production:
                  - artifact_digest: {}
                  - eval_report: { metrics: "metrics.auc >= 0.90" }
                  - approvals: { count: 1, roles: [approver] }
            """;
    /** The gates a version without a digest, with a 0.71 AUC and no approval fails, as the checks name them. */
    static final List<String> FAILING_GATES = List.of("gate artifact_digest", "gate eval_report (metrics.auc >= 0.90)",
            "gate approvals (1 with role approver, by user)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Inspector inspector;
    static CliHarness overStdio;
    static CliHarness overHttp;
    static ServerLauncher server;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        inspector = Inspector.locate(dir);
        if (inspector == null) {
            return;
        }
        overStdio = prepare(dir.resolve("stdio"));
        overHttp = prepare(dir.resolve("http"));
        CliHarness.Result created = overHttp.run("token", "create", "agent-1");
        assertThat(created.exit()).as(created.toString()).isZero();
        token = created.out().lines().filter(l -> l.startsWith("Token: ")).findFirst().orElseThrow().substring(7).trim();
        server = ServerLauncher.start(overHttp.dataDir, null, PolicyParser.parse(POLICY, "policy.yaml"), "127.0.0.1", 0,
                null, Clock.systemUTC());
    }

    /** A registry with an agent and a version that fails all three Production gates. */
    static CliHarness prepare(Path workingDir) throws Exception {
        Files.createDirectories(workingDir);
        CliHarness cli = new CliHarness(workingDir);
        Files.writeString(workingDir.resolve("policy.yaml"), POLICY);
        cli.env.put("REGENT_POLICY", workingDir.resolve("policy.yaml").toString());
        Path eval = Files.writeString(workingDir.resolve("eval.json"),
                "{\"metrics\": {\"auc\": 0.71}, \"passed\": true, \"dataset\": \"holdout@2025\"}");
        for (String[] command : List.of(
                new String[] {"principal", "add", "agent-1", "--role", "contributor", "--agent"},
                new String[] {"model", "create", "fraud-detector"},
                new String[] {"version", "register", "fraud-detector", "--source", "s3://models/fraud/1"},
                new String[] {"evidence", "add", "fraud-detector", "1", "--kind", "eval-report", "--file", eval.toString()})) {
            CliHarness.Result result = cli.run(command);
            assertThat(result.exit()).as(result.toString()).isZero();
        }
        return cli;
    }

    @BeforeEach
    void inspectorInstalled() {
        Assumptions.assumeTrue(inspector != null, Inspector.skipped());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The Inspector's target options: the command it starts, or the endpoint with the agent's token. */
    static List<String> target(String transport) {
        if (transport.equals("stdio")) {
            List<String> target = new ArrayList<>(List.of("-e", "REGENT_CONFIG=" + McpAgent.environment(overStdio.dataDir)
                    .get("REGENT_CONFIG"), "--"));
            List<String> command = new ArrayList<>(McpAgent.command(overStdio.dataDir, "agent-1"));
            // a JVM that answers one request and exits: C1 only and the serial collector halve its start on a busy
            // machine (measured here: 12-13 s down to 6-7 s per Inspector call at a load of 16 on 2 cores)
            command.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
            target.addAll(command);
            return target;
        }
        return List.of("--transport", "http", "--header", "Authorization: Bearer " + token, "--", endpoint());
    }

    static String endpoint() {
        return "http://127.0.0.1:" + server.port() + "/mcp";
    }

    static CliHarness registry(String transport) {
        return transport.equals("stdio") ? overStdio : overHttp;
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void negotiatesTheCurrentRevisionListsTheToolsAndReadsStructuredContent(String transport) throws Exception {
        Inspector.Result initialized = inspector.call(List.of("--method", "initialize"), target(transport));
        assertThat(initialized.exit()).as(initialized.toString()).isZero();
        assertThat(initialized.result().path("protocolVersion").asText()).isEqualTo(CURRENT_REVISION);
        assertThat(initialized.result().path("serverInfo").path("name").asText()).isEqualTo("regent");

        Inspector.Result listed = inspector.call(List.of("--method", "tools/list"), target(transport));
        assertThat(listed.exit()).as(listed.toString()).isZero();
        List<JsonNode> tools = StreamSupport.stream(listed.result().path("tools").spliterator(), false).toList();
        assertThat(tools).extracting(t -> t.path("name").asText()).containsExactlyInAnyOrderElementsOf(TOOLS);
        assertThat(tools).hasSize(19).allSatisfy(tool -> {
            assertThat(tool.path("title").asText()).as(tool.path("name").asText()).isNotBlank();
            assertThat(tool.path("outputSchema").path("type").asText()).isEqualTo("object");
            assertThat(tool.path("annotations").path("destructiveHint").isBoolean()).isTrue();
            assertThat(tool.path("annotations").path("destructiveHint").asBoolean()).isFalse();
        });
        JsonNode getVersion = tool(tools, "get_version");
        assertThat(getVersion.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
        assertThat(tool(tools, "promote").path("annotations").path("readOnlyHint").asBoolean()).isFalse();

        Inspector.Result read = inspector.call(List.of("--method", "tools/call", "--tool-name", "get_version",
                "--tool-args-json", "{\"model\": \"fraud-detector\", \"version\": 1}"), target(transport));
        assertThat(read.exit()).as(read.toString()).isZero();
        JsonNode result = read.result();
        assertThat(result.path("isError").asBoolean()).isFalse();
        JsonNode version = result.path("structuredContent");
        assertThat(version.path("model").asText()).isEqualTo("fraud-detector");
        assertThat(version.path("version").asInt()).isEqualTo(1);
        assertThat(version.path("stage").asText()).isEqualTo("None");
        assertThat(version.path("source").asText()).isEqualTo("s3://models/fraud/1");
        // the structured content the Inspector received is what the tool's outputSchema promises
        JsonSchemaValidator.ValidationResponse check = McpJsonDefaults.getSchemaValidator()
                .validate(map(getVersion.path("outputSchema")), map(version));
        assertThat(check.valid()).as(check.errorMessage()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio", "http"})
    void aPromotionPastFailingGatesIsAToolErrorNamingEachGate(String transport) throws Exception {
        CliHarness registry = registry(transport);
        String before = registry.run("version", "show", "fraud-detector", "1").out();

        Inspector.Result promoted = inspector.call(List.of("--method", "tools/call", "--tool-name", "promote",
                "--tool-args-json", "{\"model\": \"fraud-detector\", \"version\": 1, \"stage\": \"Production\", "
                        + "\"reason\": \"ship it\"}"), target(transport));
        // a tool error is a result, not a protocol error: the Inspector prints it and exits non-zero for isError
        assertThat(promoted.exit()).as(promoted.toString()).isNotZero();
        assertThat(promoted.err()).contains("tool_is_error");
        JsonNode result = promoted.result();
        assertThat(result.path("isError").asBoolean()).isTrue();
        JsonNode report = result.path("structuredContent");
        assertThat(report.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(report.path("refusal").asText()).isEqualTo("GATE_FAILED");
        List<String> failing = StreamSupport.stream(report.path("plan").path("checks").spliterator(), false)
                .filter(c -> !c.path("passed").asBoolean()).map(c -> c.path("check").asText()).toList();
        assertThat(failing).containsExactlyInAnyOrderElementsOf(FAILING_GATES);
        String text = result.path("content").get(0).path("text").asText();
        assertThat(text).startsWith("REFUSED (GATE_FAILED): nothing was changed.").contains("Refused by:");
        String refusedBy = text.substring(text.indexOf("Refused by:"), text.indexOf("## Plan"));
        FAILING_GATES.forEach(gate -> assertThat(refusedBy).contains("- " + gate + ": "));

        // refused by the registry, as the token's principal, recorded, and nothing changed
        assertThat(registry.run("version", "show", "fraud-detector", "1").out()).isEqualTo(before);
        CliHarness.Result audit = registry.run("audit", "log", "--model", "fraud-detector", "--json");
        JsonNode last = JSON.readTree(audit.out()).path("entries");
        JsonNode entry = last.get(last.size() - 1);
        assertThat(entry.path("actor").asText()).isEqualTo("agent-1");
        assertThat(entry.path("action").asText()).isEqualTo("stage.transition");
        assertThat(entry.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(entry.path("after").path("via").asText()).isEqualTo("mcp:promote");
    }

    @Test
    void theEndpointRefusesWithoutATokenAndFromAForeignOrigin() throws Exception {
        // the Inspector, told never to start an interactive OAuth login, gets the endpoint's refusal
        Inspector.Result anonymous = inspector.call(List.of("--stored-auth-only", "--method", "tools/list"),
                List.of("--transport", "http", "--", endpoint()));
        assertThat(anonymous.exit()).as(anonymous.toString()).isNotZero();
        assertThat(anonymous.out()).doesNotContain("\"tools\"");
        assertThat(anonymous.err()).contains("UNAUTHENTICATED", "Authorization: Bearer <token>");

        Inspector.Result foreign = inspector.call(List.of("--method", "tools/list"), List.of("--transport", "http",
                "--header", "Authorization: Bearer " + token, "--header", "Origin: http://evil.example", "--", endpoint()));
        assertThat(foreign.exit()).as(foreign.toString()).isNotZero();
        assertThat(foreign.out()).doesNotContain("\"tools\"");
        assertThat(foreign.err()).contains("403", "PERMISSION_DENIED", "http://evil.example");

        // the same refusals on the wire, with their status codes
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + CURRENT_REVISION + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(endpoint()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(initialize));
        HttpResponse<String> noToken = http.send(post.copy().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("resource_metadata=", "/.well-known/oauth-protected-resource/mcp");
        HttpResponse<String> fromElsewhere = http.send(post.copy().header("Authorization", "Bearer " + token)
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(fromElsewhere.headers().firstValue("Mcp-Session-Id")).isEmpty();
    }

    private static JsonNode tool(List<JsonNode> tools, String name) {
        return tools.stream().filter(t -> t.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }
}
