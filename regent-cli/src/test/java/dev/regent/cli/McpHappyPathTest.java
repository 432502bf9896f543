package dev.regent.cli;

import static dev.regent.cli.McpAgent.json;
import static dev.regent.cli.McpAgent.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The happy path of an agent run through the real `regent mcp` process: register, card, eval evidence, request
 * promotion (an approval is missing), a person approves through the CLI, the agent promotes and verifies, and the
 * audit log tells the agent's changes apart.
 */
class McpHappyPathTest {
    @TempDir
    static Path dir;
    static CliHarness cli;
    static McpAgent agent;

    @BeforeAll
    static void start() throws Exception {
        cli = new CliHarness(dir);
        Files.writeString(dir.resolve("policy.yaml"), McpAgent.POLICY);
        cli.env.put("REGENT_POLICY", dir.resolve("policy.yaml").toString());
        assertThat(cli.run("principal", "add", "agent-1", "--role", "contributor", "--agent").exit()).isZero();
        assertThat(cli.run("principal", "add", "alice", "--role", "approver").exit()).isZero();
        agent = McpAgent.start(cli.dataDir, "agent-1", "--policy", dir.resolve("policy.yaml").toString());
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void registerDocumentEvidenceRequestApprovePromoteVerify() {
        CallToolResult missing = agent.call("get_model", Map.of("model", "fraud-detector"));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("NOT_FOUND");

        assertApplied(agent.call("create_model", Map.of("model", "fraud-detector", "description", "Card fraud scoring")));

        Map<String, Object> registration = Map.of("model", "fraud-detector", "source", "s3://models/fraud/1",
                "digest", McpAgent.digest('a'), "run_id", "r-17", "metrics", Map.of("auc", 0.93));
        CallToolResult planned = agent.call("plan", Map.of("tool", "register_version", "arguments", registration));
        assertThat(planned.isError()).isFalse();
        assertThat(json(planned)).containsEntry("outcome", "PLANNED");
        assertThat(text(planned)).contains("(dry run)");

        CallToolResult registered = agent.call("register_version", registration);
        assertApplied(registered);
        assertThat(text(registered)).contains("## Plan", "## Changes", "## Verification", "## Rollback", "## Summary");
        assertThat(json(registered)).containsKeys("plan", "changes", "verification", "rollback", "summary", "outcome");

        assertApplied(agent.call("set_model_card", Map.of("model", "fraud-detector", "version", 1, "card", McpAgent.CARD)));
        CallToolResult evidence = agent.call("attach_evidence", Map.of("model", "fraud-detector", "version", 1,
                "kind", "eval-report", "content", "{\"metrics\": {\"auc\": 0.95}, \"passed\": true, \"dataset\": \"holdout@2025\"}",
                "summary", "holdout evaluation"));
        assertApplied(evidence);
        String evidenceId = (String) ((Map<?, ?>) ((List<?>) json(evidence).get("changes")).get(0)).get("target");

        CallToolResult request = agent.call("request_promotion", Map.of("model", "fraud-detector", "version", 1,
                "stage", "Production"));
        assertThat(request.isError()).isFalse();
        assertThat(json(request)).containsEntry("ready", false);
        assertThat(text(request)).contains("NOT READY", "approvals");
        assertThat((List<?>) json(request).get("missing")).hasSize(1);

        CliHarness.Result approval = cli.run("approve", "fraud-detector", "1", "--for", "Production", "--as", "alice",
                "--comment", "card and eval reviewed");
        assertThat(approval.exit()).as(approval.toString()).isZero();

        CallToolResult ready = agent.call("request_promotion", Map.of("model", "fraud-detector", "version", 1, "stage", "Production"));
        assertThat(json(ready)).containsEntry("ready", true);

        CallToolResult promoted = agent.call("promote", Map.of("model", "fraud-detector", "version", 1, "stage", "Production",
                "reason", "holdout auc 0.95, approved by alice"));
        assertApplied(promoted);
        assertThat(text(promoted)).contains("None -> Production");

        CallToolResult verified = agent.call("verify_version", Map.of("model", "fraud-detector", "version", 1, "stage", "Production"));
        assertThat(verified.isError()).as(text(verified)).isFalse();
        assertThat(json(verified)).containsEntry("passed", true);
        assertThat(text(verified)).startsWith("VERIFIED").contains("stored content re-hashed");

        CallToolResult audit = agent.call("audit_log", Map.of("model", "fraud-detector"));
        List<?> entries = (List<?>) json(audit).get("entries");
        assertThat(entries).isNotEmpty();
        for (Object e : entries) {
            Map<?, ?> entry = (Map<?, ?>) e;
            Map<?, ?> after = (Map<?, ?>) entry.get("after");
            if (entry.get("actor").equals("agent-1")) {
                assertThat((String) after.get("via")).as(entry.toString()).startsWith("mcp:");
            } else {
                assertThat(after.get("via")).as("a person's change through the CLI in local mode: " + entry).isEqualTo("local");
            }
        }
        assertThat(text(audit)).contains("via=mcp:register_version", "via=mcp:set_model_card", "via=mcp:attach_evidence",
                "via=mcp:promote");

        // the card and the eval report, as resources
        String card = ((TextResourceContents) agent.client.readResource(
                new ReadResourceRequest("regent://models/fraud-detector/versions/1/card")).contents().get(0)).text();
        assertThat(card).contains("Intended use", "risk-ml@example.com");
        String report = ((TextResourceContents) agent.client.readResource(
                new ReadResourceRequest("regent://evidence/" + evidenceId)).contents().get(0)).text();
        assertThat(report).contains("\"auc\": 0.95");
        assertThatThrownBy(() -> agent.client.readResource(new ReadResourceRequest(
                "regent://models/fraud-detector/versions/9/card"))).isInstanceOf(McpError.class).hasMessageContaining("not found");
    }

    @Test
    void toolsSayWhatTheyRefuseAndTakeOnlyDeclaredArguments() {
        List<Tool> tools = agent.client.listTools().tools();
        assertThat(tools).extracting(Tool::name).contains("find_models", "get_model", "get_version", "plan", "register_version",
                "annotate_version", "set_model_card", "attach_evidence", "set_compliance_tag", "request_promotion", "approve",
                "promote", "rollback", "set_alias", "check_gates", "show_policy", "verify_version", "audit_log");
        assertThat(tools).extracting(Tool::name).noneMatch(n -> n.contains("delete") || n.contains("deploy"));
        for (Tool tool : tools) {
            assertThat(tool.inputSchema().get("additionalProperties")).as(tool.name()).isEqualTo(false);
            assertThat(tool.outputSchema()).as(tool.name()).isNotNull();
            assertThat(tool.title()).as(tool.name()).isNotBlank();
            assertThat(tool.description()).as(tool.name()).isNotBlank();
        }
        Tool approve = tools.stream().filter(t -> t.name().equals("approve")).findFirst().orElseThrow();
        assertThat(approve.description()).contains("ALWAYS refused");

        String prompt = ((TextContent) agent.client.getPrompt(new GetPromptRequest("register-and-promote",
                Map.of("model", "fraud-detector", "stage", "Production"))).messages().get(0).content()).text();
        assertThat(prompt).contains("- model: fraud-detector", "Ask the user", "- source:", "Plan", "Verify", "Rollback");
        assertThat(prompt).doesNotContain("- model: the model's name");
    }

    @Test
    void theCurrentProtocolRevisionIsNegotiated() {
        // the SDK's client asks for the newest revision it knows; the server speaks it instead of falling back
        assertThat(agent.client.getCurrentInitializationResult().protocolVersion()).isEqualTo("2025-11-25");
    }

    @Test
    void everyToolAnswersWithStructuredContentMatchingItsOutputSchema() {
        // McpAgent.call checks each result against the tool's declared outputSchema; this walk calls every tool,
        // successes, refusals and errors alike
        String m = "schema-walk";
        agent.call("create_model", Map.of("model", m));
        agent.call("plan", Map.of("tool", "register_version", "arguments", Map.of("model", m, "source", "s3://m/1")));
        agent.call("register_version", Map.of("model", m, "source", "s3://m/1", "digest", McpAgent.digest('c'),
                "metrics", Map.of("auc", 0.91), "params", Map.of("depth", "8"), "tags", Map.of("team", "risk")));
        agent.call("annotate_version", Map.of("model", m, "version", 1, "description", "first"));
        agent.call("set_model_card", Map.of("model", m, "version", 1, "card", McpAgent.CARD));
        CallToolResult bias = agent.call("attach_evidence", Map.of("model", m, "version", 1, "kind", "bias-report",
                "content", "no disparity found", "summary", "bias review"));
        String biasId = (String) ((Map<?, ?>) ((List<?>) json(bias).get("changes")).get(0)).get("target");
        agent.call("set_compliance_tag", Map.of("model", m, "version", 1, "tag", "bias_checked", "evidence", biasId));
        assertThat(agent.call("approve", Map.of("model", m, "version", 1, "stage", "Production")).isError()).isTrue();
        assertThat(agent.call("promote", Map.of("model", m, "version", 1, "stage", "Staging", "reason", "try")).isError()).isTrue();
        assertThat(agent.call("rollback", Map.of("model", m, "stage", "Production", "reason", "try")).isError()).isTrue();
        assertThat(agent.call("set_alias", Map.of("model", m, "alias", "champion", "version", 1, "reason", "try")).isError()).isTrue();
        agent.call("find_models", Map.of("query", "schema"));
        agent.call("get_model", Map.of("model", m));
        agent.call("get_version", Map.of("model", m, "version", 1));
        agent.call("check_gates", Map.of("model", m, "version", 1, "stage", "Production"));
        agent.call("show_policy", Map.of("model", m));
        agent.call("request_promotion", Map.of("model", m, "version", 1, "stage", "Production"));
        agent.call("verify_version", Map.of("model", m, "version", 1));
        agent.call("audit_log", Map.of("model", m, "limit", 5));
        agent.call("get_version", Map.of("model", m, "version", 7));
        assertThat(McpAgent.CHECKED_OUTPUTS).containsAll(agent.tools().keySet());
    }

    @Test
    void namesKeepCaseAndSpacesAndLookAlikesAreRefused() {
        assertApplied(agent.call("create_model", Map.of("model", "Churn Model v2")));
        CallToolResult got = agent.call("get_model", Map.of("model", "Churn Model v2"));
        assertThat(got.isError()).as(text(got)).isFalse();
        assertThat(text(agent.call("find_models", Map.of("query", "churn model")))).contains("- Churn Model v2");
        CallToolResult exact = agent.call("get_model", Map.of("model", "churn model v2"));
        assertThat(exact.isError()).isTrue();
        assertThat(text(exact)).contains("NOT_FOUND");
        CallToolResult lookAlike = agent.call("create_model", Map.of("model", "CHURN MODEL V2"));
        assertThat(text(lookAlike)).contains("ALREADY_EXISTS", "'Churn Model v2' already exists");
    }

    private static void assertApplied(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(json(result)).as(text(result)).containsEntry("outcome", "APPLIED");
    }
}
