package dev.regent.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.registry.RegistrySession;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tools' declared contract: schemas, argument checks before any registry call, and the documentation. */
class ToolContractTest {
    // a session that fails on any use: bad input must never reach the registry
    private final RegentMcpServer server = new RegentMcpServer(tool -> (RegistrySession) Proxy.newProxyInstance(
            RegistrySession.class.getClassLoader(), new Class<?>[] {RegistrySession.class}, (proxy, method, args) -> {
                throw new AssertionError("bad input reached the registry: " + tool + " called " + method.getName());
            }), report -> "", "test");

    @Test
    void everyToolDeclaresAClosedSchemaAndSaysWhatItRefuses() {
        List<Tool> tools = server.tools();
        assertThat(tools).extracting(Tool::name).containsExactlyInAnyOrder("find_models", "get_model", "get_version",
                "check_gates", "show_policy", "request_promotion", "verify_version", "audit_log", "create_model", "register_version",
                "annotate_version", "set_model_card", "attach_evidence", "set_compliance_tag", "approve", "promote",
                "rollback", "set_alias", "plan");
        for (Tool tool : tools) {
            assertThat(tool.inputSchema().get("type")).isEqualTo("object");
            assertThat(tool.inputSchema().get("additionalProperties")).as(tool.name()).isEqualTo(false);
            properties(tool.inputSchema()).forEach((name, schema) -> {
                Map<?, ?> property = (Map<?, ?>) schema;
                assertThat(property.get("description")).as(tool.name() + "." + name).isNotNull();
                if ("string".equals(property.get("type"))) {
                    assertThat(property.containsKey("maxLength") || property.containsKey("enum"))
                            .as(tool.name() + "." + name + " has a limit").isTrue();
                }
            });
        }
        for (String change : List.of("register_version", "set_compliance_tag", "approve", "promote", "rollback", "set_alias")) {
            assertThat(describe(change)).as(change).containsIgnoringCase("refuse");
        }
        assertThat(describe("approve")).contains("ALWAYS refused");
        assertThat(describe("request_promotion")).contains("dry run");
        // nothing Regent does destroys; reads are read-only; a change run twice with the same input is declared
        // idempotent only where the second call writes nothing (issue 21, after issue 14's no-ops)
        for (Tool tool : tools) {
            assertThat(tool.annotations().destructiveHint()).as(tool.name()).isFalse();
        }
        java.util.Map<String, Tool> byName = new java.util.HashMap<>();
        tools.forEach(t -> byName.put(t.name(), t));
        assertThat(byName.get("check_gates").annotations().readOnlyHint()).isTrue();
        assertThat(byName.get("promote").annotations().idempotentHint()).isTrue();
        assertThat(byName.get("set_alias").annotations().idempotentHint()).isTrue();
        assertThat(byName.get("rollback").annotations().idempotentHint()).isFalse();
        assertThat(byName.get("register_version").annotations().idempotentHint()).isFalse();
    }

    @Test
    void badInputIsAToolResultListingEveryProblemWithoutTouchingTheRegistry() {
        Map<String, Object> args = new HashMap<>();
        args.put("model", "m".repeat(1025));
        args.put("version", 0);
        args.put("stage", "Live");
        args.put("force", true);
        CallToolResult result = server.call("promote", args);
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("INVALID_ARGUMENT", "unknown argument(s) [force]", "'model' is 1025 characters; the limit is 1024",
                "'version' must be a positive version number", "'stage' must be one of", "'reason' is required");
        assertThat(((Map<?, ?>) ((Map<?, ?>) result.structuredContent()).get("error")).get("code")).isEqualTo("INVALID_ARGUMENT");

        assertThat(text(server.call("register_version", Map.of("model", "m", "source", "s3://x", "metrics",
                Map.of("auc", "high"))))).contains("'metrics' must map names to finite numbers");
        assertThat(text(server.call("annotate_version", Map.of("model", "m", "version", "1", "untag", List.of(1)))))
                .contains("'untag' must hold strings");
        assertThat(text(server.call("attach_evidence", Map.of("model", "m", "version", 1, "kind", "eval-report",
                "content_base64", "A".repeat(Limits.CONTENT_BASE64 + 1))))).contains("the limit is " + Limits.CONTENT_BASE64);
        assertThat(text(server.call("plan", Map.of("tool", "approve", "arguments", Map.of("model", "m", "version", 1,
                "stage", "Production", "alias", "champion"))))).contains("exactly one of 'stage'");
        assertThat(text(server.call("no_such_tool", Map.of()))).contains("unknown tool");
    }

    @Test
    void theDocumentationListsEveryToolAndArgument() throws Exception {
        Path doc = Path.of("..", "docs", "mcp.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        for (Tool tool : server.tools()) {
            int row = text.indexOf("| `" + tool.name() + "` |");
            assertThat(row).as("docs/mcp.md has a row for " + tool.name()).isGreaterThanOrEqualTo(0);
            String line = text.substring(row, text.indexOf('\n', row));
            for (String argument : properties(tool.inputSchema()).keySet()) {
                assertThat(line).as(tool.name() + " documents " + argument).contains("`" + argument + "`");
            }
        }
    }

    @Test
    void thePromptAsksOnlyForWhatIsMissing() {
        String text = ((TextContent) Prompts.render(Map.of("model", "fraud-detector", "source", "s3://m/1")).messages()
                .get(0).content()).text();
        assertThat(text).contains("- model: fraud-detector", "- source: s3://m/1", "- digest: the artifact's digest",
                "1. Plan", "2. Execute", "3. Verify", "4. Rollback", "you cannot approve");
        assertThat(text).doesNotContain("- model: the model's name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyToolHasATitleAndAnOutputSchemaThatAlsoAdmitsTheErrorDocument() {
        for (Tool tool : server.tools()) {
            assertThat(tool.title()).as(tool.name()).isNotBlank();
            assertThat(tool.annotations().title()).as(tool.name()).isEqualTo(tool.title());
            assertThat(tool.annotations().openWorldHint()).as(tool.name()).isFalse();
            Map<String, Object> output = tool.outputSchema();
            assertThat(output).as(tool.name()).isNotNull();
            assertThat(output.get("type")).isEqualTo("object");
            List<?> shapes = (List<?>) output.get("anyOf");
            assertThat(shapes).as(tool.name()).hasSize(2);
            // standalone: every reference to the OpenAPI document's components is inlined
            assertThat(output.toString()).as(tool.name()).doesNotContain("$ref");
            Map<?, ?> success = (Map<?, ?>) shapes.get(0);
            assertThat(success.get("additionalProperties")).as(tool.name()).isEqualTo(false);
            assertThat((List<?>) success.get("required")).as(tool.name()).isNotEmpty();
        }
        // a change answers with the five-part report; the error document is the REST API's
        Map<?, ?> promote = (Map<?, ?>) ((List<?>) server.tools().stream().filter(t -> t.name().equals("promote"))
                .findFirst().orElseThrow().outputSchema().get("anyOf")).get(0);
        assertThat((List<Object>) promote.get("required")).contains("plan", "changes", "verification", "rollback", "summary", "outcome");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    private String describe(String name) {
        return server.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().description();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }
}
