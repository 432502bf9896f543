package dev.regent.cli;

import static dev.regent.cli.McpAgent.json;
import static dev.regent.cli.McpAgent.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change call without a required input, through the real `regent mcp` process and the SDK's own client: a client
 * that declared elicitation is asked for exactly the missing inputs (with the choices known: stages, the model's
 * versions) and the call goes on with the answer; a declined or cancelled request changes nothing and says so; a
 * client without elicitation gets every missing input at once, as before.
 */
class McpElicitationTest {
    @TempDir
    static Path dir;
    static CliHarness cli;
    static McpAgent asking;
    static McpAgent plain;
    static final List<ElicitFormRequest> ASKED = Collections.synchronizedList(new ArrayList<>());
    static final Deque<Function<ElicitFormRequest, ElicitResult>> ANSWERS = new ArrayDeque<>();

    @BeforeAll
    static void start() throws Exception {
        cli = new CliHarness(dir);
        Files.writeString(dir.resolve("policy.yaml"), McpAgent.POLICY);
        cli.env.put("REGENT_POLICY", dir.resolve("policy.yaml").toString());
        assertThat(cli.run("principal", "add", "agent-1", "--role", "contributor", "--agent").exit()).isZero();
        assertThat(cli.run("model", "create", "fraud-detector").exit()).isZero();
        for (char d : new char[] {'a', 'b'}) {
            assertThat(cli.run("version", "register", "fraud-detector", "--source", "s3://m/" + d, "--digest",
                    McpAgent.digest(d)).exit()).isZero();
        }
        String policy = dir.resolve("policy.yaml").toString();
        asking = McpAgent.start(cli.dataDir, "agent-1", spec -> spec.capabilities(ClientCapabilities.builder().elicitation()
                .build()).elicitation(request -> {
                    ASKED.add(request);
                    synchronized (ANSWERS) {
                        return ANSWERS.isEmpty() ? ElicitResult.builder(ElicitResult.Action.CANCEL).build()
                                : ANSWERS.poll().apply(request);
                    }
                }), "--policy", policy);
        plain = McpAgent.start(cli.dataDir, "agent-1", "--policy", policy);
    }

    @AfterAll
    static void stop() {
        for (McpAgent a : new McpAgent[] {asking, plain}) {
            if (a != null) {
                a.close();
            }
        }
    }

    @BeforeEach
    void clear() {
        ASKED.clear();
        synchronized (ANSWERS) {
            ANSWERS.clear();
        }
    }

    @Test
    void asksForExactlyTheMissingInputsWithTheKnownChoicesAndGoesOnWithTheAnswer() {
        answer(request -> ElicitResult.builder(ElicitResult.Action.ACCEPT).content(Map.of("version", "2")).build());
        CallToolResult annotated = asking.call("annotate_version", Map.of("model", "fraud-detector", "description", "second try"));
        assertThat(annotated.isError()).as(text(annotated)).isFalse();
        assertThat(json(annotated)).containsEntry("outcome", "APPLIED");
        assertThat(ASKED).hasSize(1);
        Map<String, Object> schema = ASKED.get(0).requestedSchema();
        assertThat(properties(schema)).containsOnlyKeys("version");
        assertThat(property(schema, "version")).containsEntry("type", "string").containsEntry("enum", List.of("1", "2"));
        assertThat(schema.get("required")).isEqualTo(List.of("version"));
        assertThat(ASKED.get(0).message()).contains("model fraud-detector", "version");
        assertThat(cli.run("version", "show", "fraud-detector", "2").out()).contains("second try");
        assertThat(cli.run("version", "show", "fraud-detector", "1").out()).doesNotContain("second try");

        // two missing: the stage offered as the stages, the reason as free text; the promotion then passes its gates
        // (Staging needs an eval report) and is recorded as the agent's
        CallToolResult evidence = asking.call("attach_evidence", Map.of("model", "fraud-detector", "version", 1,
                "kind", "eval-report", "content", "{\"metrics\": {\"auc\": 0.95}, \"passed\": true, \"dataset\": \"holdout@2025\"}"));
        assertThat(evidence.isError()).as(text(evidence)).isFalse();
        ASKED.clear();
        answer(request -> ElicitResult.builder(ElicitResult.Action.ACCEPT)
                .content(Map.of("stage", "Staging", "reason", "holdout auc 0.95")).build());
        CallToolResult promoted = asking.call("promote", Map.of("model", "fraud-detector", "version", 1));
        assertThat(promoted.isError()).as(text(promoted)).isFalse();
        assertThat(text(promoted)).contains("None -> Staging");
        schema = ASKED.get(0).requestedSchema();
        assertThat(properties(schema)).containsOnlyKeys("stage", "reason");
        assertThat(property(schema, "stage")).containsEntry("enum", List.of("None", "Staging", "Production", "Archived"));
        assertThat(property(schema, "reason")).containsEntry("type", "string").containsKey("maxLength");
        assertThat(text(asking.call("audit_log", Map.of("model", "fraud-detector"))))
                .contains("agent-1 stage.transition fraud-detector/1 APPLIED - holdout auc 0.95 (via=mcp:promote)");
    }

    @Test
    void anAnswerIsCheckedLikeAnyArgument() {
        answer(request -> ElicitResult.builder(ElicitResult.Action.ACCEPT).content(Map.of("reason", "r".repeat(2001))).build());
        String before = McpAgent.registryRows(cli.dataDir);
        CallToolResult result = asking.call("set_alias", Map.of("model", "fraud-detector", "alias", "champion", "version", 2));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("INVALID_ARGUMENT", "the limit is 2000");
        assertThat(McpAgent.registryRows(cli.dataDir)).isEqualTo(before);
    }

    @Test
    void aDeclinedOrCancelledRequestChangesNothingAndSaysSo() {
        String before = McpAgent.registryRows(cli.dataDir);
        answer(request -> ElicitResult.builder(ElicitResult.Action.DECLINE).build());
        CallToolResult declined = asking.call("promote", Map.of("model", "fraud-detector", "version", 2, "stage", "Staging"));
        assertThat(declined.isError()).isTrue();
        assertThat(text(declined)).contains("declined", "reason", "nothing was changed");
        assertThat(properties(ASKED.get(0).requestedSchema())).containsOnlyKeys("reason");

        answer(request -> ElicitResult.builder(ElicitResult.Action.CANCEL).build());
        CallToolResult cancelled = asking.call("rollback", Map.of("model", "fraud-detector", "reason", "bad model"));
        assertThat(cancelled.isError()).isTrue();
        assertThat(text(cancelled)).contains("cancelled", "stage", "nothing was changed");
        assertThat(McpAgent.registryRows(cli.dataDir)).isEqualTo(before);
    }

    @Test
    void aCallWithAnotherProblemOrAReadIsNotTurnedIntoAQuestion() {
        CallToolResult wrong = asking.call("promote", Map.of("model", "fraud-detector", "version", "one"));
        assertThat(text(wrong)).contains("'version' must be a positive integer", "'stage' is required", "'reason' is required");
        CallToolResult read = asking.call("get_version", Map.of("model", "fraud-detector"));
        assertThat(text(read)).contains("'version' is required");
        assertThat(ASKED).isEmpty();
    }

    @Test
    void withoutElicitationEveryMissingInputIsNamedAtOnce() {
        String before = McpAgent.registryRows(cli.dataDir);
        CallToolResult result = plain.call("promote", Map.of("model", "fraud-detector"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("INVALID_ARGUMENT", "'version' is required", "'stage' is required", "'reason' is required");
        assertThat(McpAgent.registryRows(cli.dataDir)).isEqualTo(before);
    }

    private static void answer(Function<ElicitFormRequest, ElicitResult> answer) {
        synchronized (ANSWERS) {
            ANSWERS.add(answer);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<String, Object> schema, String name) {
        return (Map<String, Object>) properties(schema).get(name);
    }
}
