package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An agent driving the real `regent mcp` as a separate process over stdio, through the MCP SDK's own client: what an
 * assistant configured per docs/mcp.md does.
 */
final class McpAgent implements AutoCloseable {
    private static final JsonSchemaValidator SCHEMAS = McpJsonDefaults.getSchemaValidator();
    /** The tools whose structured output some test call checked against the declared schema (all agents together). */
    static final Set<String> CHECKED_OUTPUTS = ConcurrentHashMap.newKeySet();

    final McpSyncClient client;
    final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private Map<String, Tool> tools;

    McpAgent(McpSyncClient client) {
        this.client = client;
    }

    /** Starts `regent mcp --data DIR --as AGENT [extra…]` with this JVM's test classpath and initializes the session. */
    static McpAgent start(Path dataDir, String agent, String... extra) {
        return start(dataDir, agent, spec -> spec, extra);
    }

    /** The same, with the client configured further (e.g. to declare elicitation and answer it). */
    static McpAgent start(Path dataDir, String agent, UnaryOperator<McpClient.SyncSpec> client, String... extra) {
        List<String> command = command(dataDir, agent, extra);
        ServerParameters params = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .env(environment(dataDir)).build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        McpAgent agentProcess = new McpAgent(client.apply(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(60))).build());
        transport.setStdErrorHandler(agentProcess.stderr::add);
        agentProcess.client.initialize();
        return agentProcess;
    }

    /** An agent of a hosted product: the SDK's Streamable HTTP client against `/mcp` of a server, with a bearer token. */
    static McpAgent overHttp(String serverUrl, String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(serverUrl).endpoint("/mcp")
                .requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .maxResponseSize(64 * 1024 * 1024).build();
        McpAgent agent = new McpAgent(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(60)).build());
        agent.client.initialize();
        return agent;
    }

    /** The command line of `regent mcp --data DIR --as AGENT [extra…]` on this JVM's test classpath. */
    static List<String> command(Path dataDir, String agent, String... extra) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.regent.cli.Main", "mcp",
                "--data", dataDir.toAbsolutePath().toString(), "--as", agent));
        command.addAll(List.of(extra));
        return command;
    }

    /** The environment `regent mcp` runs in: no saved login of the machine's user. */
    static Map<String, String> environment(Path dataDir) {
        return Map.of("REGENT_CONFIG", dataDir.resolveSibling(".no-login.yaml").toString());
    }

    /**
     * Calls a tool and checks its structured content against the output schema the tool declares — refusals and
     * errors too (the SDK's own check skips those) — so no test call can pass with a result that breaks the contract.
     */
    CallToolResult call(String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
        Tool declared = tools().get(tool);
        if (declared != null) {
            assertThat(result.structuredContent()).as(tool + " returns structured content").isNotNull();
            JsonSchemaValidator.ValidationResponse check = SCHEMAS.validate(declared.outputSchema(), result.structuredContent());
            assertThat(check.valid()).as(tool + "'s structured output against its outputSchema: " + check.errorMessage()
                    + "\n" + result.structuredContent()).isTrue();
            CHECKED_OUTPUTS.add(tool);
        }
        return result;
    }

    /** The tools as the server lists them, by name. */
    Map<String, Tool> tools() {
        if (tools == null) {
            Map<String, Tool> byName = new LinkedHashMap<>();
            client.listTools().tools().forEach(t -> byName.put(t.name(), t));
            tools = byName;
        }
        return tools;
    }

    static String text(CallToolResult result) {
        return result.content().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    @Override
    public void close() {
        client.closeGracefully();
    }

    /**
     * Every row of every table except the append-only audit log's (refusals are recorded there by design): what
     * "the registry is as it was" means.
     */
    static String registryRows(Path dataDir) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("regent.db"))) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (!name.startsWith("audit") && !name.startsWith("checkpoint")) {
                        tables.add(name);
                    }
                }
            }
            StringBuilder text = new StringBuilder();
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                text.append(table).append(":\n");
                rows.forEach(r -> text.append("  ").append(r).append('\n'));
            }
            return text.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The policy both scripts run under: governed Production, a protected alias, declared compliance tags. */
    static final String POLICY = """
            version: 1
            compliance_tags:
              bias_checked: [bias-report]
              validated: [validation-report, eval-report]
            default:
              stages:
                Staging:
                  - eval_report: {}
                Production:
                  - artifact_digest: {}
                  - eval_report: { metrics: "metrics.auc >= 0.90" }
                  - model_card: { sections: [intended_use, limitations, risks, contacts] }
                  - approvals: { count: 1, roles: [approver] }
              aliases:
                champion:
                  - approvals: { count: 1 }
            """;

    static final String CARD = """
            # fraud-detector

            ## Intended use
            Scoring card transactions for fraud review.

            ## Limitations
            Trained on 2025 EU transactions only.

            ## Risks
            False positives delay legitimate payments.

            ## Contacts
            risk-ml@example.com
            """;

    static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }
}
