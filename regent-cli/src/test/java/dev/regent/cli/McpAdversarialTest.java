package dev.regent.cli;

import static dev.regent.cli.McpAgent.json;
import static dev.regent.cli.McpAgent.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that tries to get around the rules through the real `regent mcp` process. Every attempt is a normal tool
 * result with isError true that names the rule; the registry's rows are exactly as before; attempts that reached
 * the registry are in the audit log as REFUSED with via=mcp:<tool>, and bad input never reached it.
 */
class McpAdversarialTest {
    @TempDir
    static Path dir;
    static CliHarness cli;
    static McpAgent agent;

    @BeforeAll
    static void start() throws Exception {
        prepare();
        agent = McpAgent.start(cli.dataDir, "agent-1", "--policy", dir.resolve("policy.yaml").toString());
    }

    /** The registry the agent meets: its principal, an approver, a model on which an admin slipped. */
    static void prepare() throws Exception {
        cli = new CliHarness(dir);
        Files.writeString(dir.resolve("policy.yaml"), McpAgent.POLICY);
        cli.env.put("REGENT_POLICY", dir.resolve("policy.yaml").toString());
        assertThat(cli.run("principal", "add", "agent-1", "--role", "contributor", "--agent").exit()).isZero();
        // an admin's slip: the agent also holds the approver role on one model; agents still never approve
        assertThat(cli.run("principal", "add", "agent-1", "--role", "approver", "--model", "legacy", "--agent").exit()).isZero();
        assertThat(cli.run("principal", "add", "alice", "--role", "approver").exit()).isZero();
        assertThat(cli.run("model", "create", "legacy").exit()).isZero();
        assertThat(cli.run("version", "register", "legacy", "--source", "s3://models/legacy/1", "--digest",
                McpAgent.digest('c')).exit()).isZero();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void everyAttemptIsRefusedExplainedRecordedAndChangesNothing() {
        // legitimate groundwork: a version whose eval report misses the policy's threshold
        applied(agent.call("create_model", Map.of("model", "fraud-detector")));
        applied(agent.call("register_version", Map.of("model", "fraud-detector", "source", "s3://models/fraud/1",
                "digest", McpAgent.digest('a'))));
        applied(agent.call("set_model_card", Map.of("model", "fraud-detector", "version", 1, "card", McpAgent.CARD)));
        CallToolResult eval = agent.call("attach_evidence", Map.of("model", "fraud-detector", "version", 1, "kind", "eval-report",
                "content", "{\"metrics\": {\"auc\": 0.71}, \"passed\": true, \"dataset\": \"holdout@2025\"}"));
        applied(eval);
        String evalId = (String) ((Map<?, ?>) ((List<?>) json(eval).get("changes")).get(0)).get("target");

        String before = McpAgent.registryRows(cli.dataDir);
        int auditBefore = auditEntries().size();

        // promote past a failing gate
        CallToolResult promote = agent.call("promote", Map.of("model", "fraud-detector", "version", 1, "stage", "Production",
                "reason", "ship it"));
        refused(promote, "GATE_FAILED");
        assertThat(text(promote)).contains("Refused by:", "metrics.auc >= 0.90", "approvals", "What would satisfy it");

        // approve its own version: the agent is no approver here, and it registered the version
        CallToolResult own = agent.call("approve", Map.of("model", "fraud-detector", "version", 1, "stage", "Production"));
        assertThat(own.isError()).isTrue();
        assertThat(text(own)).contains("PERMISSION_DENIED", "approver", "agents never approve");

        // approve as an agent at all: even holding the approver role, the registry refuses agents
        CallToolResult asAgent = agent.call("approve", Map.of("model", "legacy", "version", 1, "stage", "Production",
                "comment", "looks fine"));
        refused(asAgent, "RULE_VIOLATION");
        assertThat(text(asAgent)).contains("reviewer is a person or service", "agent-1 is an agent");

        // bias_checked without a bias report: the eval report does not support it
        CallToolResult tag = agent.call("set_compliance_tag", Map.of("model", "fraud-detector", "version", 1,
                "tag", "bias_checked", "evidence", evalId));
        refused(tag, null);
        assertThat(text(tag)).contains("evidence kind supports the tag", "does not support bias_checked");

        // a second artifact with an existing digest
        CallToolResult duplicate = agent.call("register_version", Map.of("model", "fraud-detector",
                "source", "s3://models/fraud/other", "digest", McpAgent.digest('a')));
        refused(duplicate, null);
        assertThat(text(duplicate)).contains("artifact is new", "already registered as version 1");

        // move a protected alias
        CallToolResult alias = agent.call("set_alias", Map.of("model", "fraud-detector", "alias", "champion", "version", 1,
                "reason", "best so far"));
        refused(alias, "GATE_FAILED");
        assertThat(text(alias)).contains("approvals");
        // an alias the policy does not declare passes Production's gates, through the agent tools too (issue 13)
        CallToolResult canary = agent.call("set_alias", Map.of("model", "fraud-detector", "alias", "canary", "version", 1,
                "reason", "try it"));
        refused(canary, "GATE_FAILED");
        assertThat(text(canary)).contains("gated like Production");

        // the emergency path is for approvers
        CallToolResult rollback = agent.call("rollback", Map.of("model", "fraud-detector", "stage", "Production",
                "reason", "undo"));
        assertThat(rollback.isError()).isTrue();
        assertThat(text(rollback)).contains("PERMISSION_DENIED");

        List<Map<?, ?>> recorded = auditEntries().subList(auditBefore, auditEntries().size());
        assertThat(recorded).allSatisfy(e -> {
            assertThat(e.get("outcome")).isEqualTo("REFUSED");
            assertThat(e.get("actor")).isEqualTo("agent-1");
        });
        assertThat(recorded).extracting(e -> (Object) ((Map<?, ?>) e.get("after")).get("via")).containsExactlyInAnyOrder(
                "mcp:promote", "mcp:approve", "mcp:approve", "mcp:set_compliance_tag", "mcp:register_version",
                "mcp:set_alias", "mcp:set_alias", "mcp:rollback");
        int auditAfterRefusals = auditEntries().size();

        // malformed and oversized arguments never reach the registry
        badInput(agent.call("promote", Map.of("model", "fraud-detector", "version", "one", "stage", "Production",
                "reason", "x")), "'version' must be a positive integer");
        badInput(agent.call("promote", Map.of("model", "fraud-detector", "version", 1, "stage", "Prod", "reason", "x")),
                "'stage' must be one of");
        badInput(agent.call("promote", Map.of("model", "fraud-detector", "version", 1, "stage", "Production")),
                "'reason' is required");
        badInput(agent.call("promote", Map.of("model", "fraud-detector", "version", 1, "stage", "Production", "reason", "x",
                "force", true)), "unknown argument(s) [force]");
        badInput(agent.call("promote", Map.of("model", "fraud-detector", "version", 1, "stage", "Production",
                "reason", "r".repeat(2001))), "the limit is 2000");
        badInput(agent.call("register_version", Map.of("model", "fraud-detector", "source", "s3://m/2",
                "digest", "sha256:nothex")), "INVALID_ARGUMENT");
        badInput(agent.call("register_version", Map.of("model", "../etc", "source", "s3://m/2")), "INVALID_ARGUMENT");
        badInput(agent.call("attach_evidence", Map.of("model", "fraud-detector", "version", 1, "kind", "eval-report",
                "content_base64", "not base64!")), "not valid base64");
        badInput(agent.call("attach_evidence", Map.of("model", "fraud-detector", "version", 1, "kind", "eval-report",
                "content_base64", "QUFB".repeat((16 * 1024 * 1024) / 3 + 2))), "the limit is");
        badInput(agent.call("attach_evidence", Map.of("model", "fraud-detector", "version", 1, "kind", "eval-report",
                "content", "x", "uri", "s3://e/1")), "exactly one of");
        badInput(agent.call("plan", Map.of("tool", "delete_audit_log", "arguments", Map.of())), "'tool' must be one of");
        Map<String, Object> nested = new HashMap<>(Map.of("model", "fraud-detector", "version", 1, "stage", "Production"));
        nested.put("reason", Map.of("text", "x"));
        badInput(agent.call("promote", nested), "'reason' must be a string");

        assertThat(auditEntries()).hasSize(auditAfterRefusals);
        assertThat(McpAgent.registryRows(cli.dataDir)).isEqualTo(before);
        CliHarness.Result show = cli.run("version", "show", "fraud-detector", "1");
        assertThat(show.out()).contains("None");
    }

    private static List<Map<?, ?>> auditEntries() {
        CallToolResult audit = agent.call("audit_log", Map.of("limit", 1000));
        assertThat(audit.isError()).as(text(audit)).isFalse();
        return ((List<?>) json(audit).get("entries")).stream().<Map<?, ?>>map(e -> (Map<?, ?>) e).toList();
    }

    private static void applied(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(json(result)).containsEntry("outcome", "APPLIED");
    }

    private static void refused(CallToolResult result, String code) {
        assertThat(result.isError()).as(text(result)).isTrue();
        assertThat(json(result)).as(text(result)).containsEntry("outcome", "REFUSED");
        assertThat(text(result)).startsWith("REFUSED (").contains("nothing was changed", "## Plan", "## Summary");
        if (code != null) {
            assertThat(json(result)).containsEntry("refusal", code);
        }
    }

    private static void badInput(CallToolResult result, String message) {
        assertThat(result.isError()).as(text(result)).isTrue();
        assertThat(text(result)).as(text(result)).contains("INVALID_ARGUMENT").contains(message);
        assertThat(((Map<?, ?>) json(result).get("error")).get("code")).isEqualTo("INVALID_ARGUMENT");
    }
}
