package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The governance commands through the real command line: policy loading, cards, evidence, tags, approvals, gates. */
class CliGovernanceTest {
    @TempDir
    Path dir;
    CliHarness cli;

    private CliHarness.Result ok(String... args) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    @BeforeEach
    void registry() throws Exception {
        cli = new CliHarness(dir);
        Files.writeString(dir.resolve("card.md"), "# M\n\n## Intended use\nx\n\n## Limitations\n<script>alert(1)</script>\n\n"
                + "## Risks\nr\n\n## Contacts\n[team](javascript:alert(1))\n");
        Files.writeString(dir.resolve("eval.json"), "{\"metrics\": {\"auc\": 0.95}, \"dataset\": \"d@1\", \"passed\": true}");
        Files.writeString(dir.resolve("model.bin"), "w");
        ok("principal", "add", "bob", "--role", "contributor");
        ok("principal", "add", "carol", "--role", "approver");
        ok("--as", "bob", "model", "create", "m");
        ok("--as", "bob", "version", "register", "m", "--file", "model.bin");
    }

    @Test
    void theBuiltInPolicyGuardsProductionAndGatesExplainThemselves() {
        CliHarness.Result gates = cli.run("--as", "bob", "gates", "m", "1", "--for", "Production");
        assertThat(gates.exit()).isEqualTo(1);
        assertThat(gates.out()).contains("policy revision 1", "from built-in default", "[pass] gate artifact_digest", "[FAIL] gate eval_report",
                "Some gates fail");
        assertThat(cli.run("--as", "bob", "promote", "m", "1", "--to", "Staging", "--reason", "r").exit()).isEqualTo(1);
        ok("--as", "bob", "evidence", "add", "m", "1", "--kind", "eval-report", "--file", "eval.json");
        ok("--as", "bob", "promote", "m", "1", "--to", "Staging", "--reason", "r");
        JsonNode json = json(cli.run("--as", "bob", "--json", "gates", "m", "1", "--for", "Production"));
        assertThat(json.get("passed").asBoolean()).isFalse();
        // the policy revision the gates came from, then the four gates of the built-in Production
        assertThat(json.get("gates")).hasSize(5);
        assertThat(json.at("/gates/0/gate").asText()).isEqualTo("policy in effect");
    }

    @Test
    void aBrokenPolicyStopsEveryCommandWithFileAndLine() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "default:\n  stages:\n    Production:\n      - eval_report: { metrics: \"metrics.auc >\" }\n");
        CliHarness.Result check = cli.run("policy", "check", "bad.yaml");
        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err()).contains("bad.yaml:4:").contains("gate 'eval_report' of default Production");
        cli.env.put("REGENT_POLICY", "bad.yaml");
        assertThat(cli.run("model", "list").exit()).isEqualTo(2);
        assertThat(cli.run("policy", "show").err()).contains("bad.yaml:4:");
        Files.writeString(dir.resolve("good.yaml"), "compliance_tags: { validated: [eval-report] }\n");
        assertThat(ok("policy", "check", "good.yaml").out()).contains("is valid: 1 compliance tag(s)");
    }

    @Test
    void cardsAreRevisedShownSanitizedAndExported() {
        ok("--as", "bob", "card", "set", "m", "1", "--file", "card.md");
        String html = ok("card", "show", "m", "1", "--format", "html").out();
        assertThat(html).contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("javascript:");
        assertThat(ok("card", "show", "m", "1").out()).contains("## Intended use").contains("card revision 1 of 1");
        assertThat(ok("card", "show", "m", "1", "--format", "json").out()).startsWith("{");
        assertThat(ok("card", "export", "m", "1", "--format", "hf").out()).startsWith("---\n");
        assertThat(ok("card", "template").out()).contains("## Intended use");
        assertThat(cli.run("card", "show", "m", "1", "--revision", "7").exit()).isEqualTo(3);
        assertThat(cli.run("card", "export", "m", "1", "--format", "pdf").exit()).isEqualTo(2);
    }

    @Test
    void evidenceTagsAndApprovalsThroughTheCli() {
        String id = ok("--as", "bob", "evidence", "add", "m", "1", "--kind", "eval-report", "--file", "eval.json", "--id-only")
                .out().strip();
        assertThat(id).matches("ev-[0-9a-f]{20}");
        assertThat(ok("evidence", "show", id).out()).contains("Metrics:   {auc=0.95}").contains("State:     valid");
        assertThat(ok("evidence", "list", "m", "1").out()).contains(id).contains("eval-report");
        ok("--as", "bob", "tag", "set", "m", "1", "validated", "--evidence", id);
        CliHarness.Result refusedTag = cli.run("--as", "bob", "tag", "set", "m", "1", "bias_checked", "--evidence", id);
        assertThat(refusedTag.exit()).isEqualTo(1);
        assertThat(refusedTag.section("Summary")).contains("eval-report does not support bias_checked");

        assertThat(cli.run("--as", "bob", "approve", "m", "1", "--for", "Production").exit()).as("bob is a contributor").isEqualTo(4);
        ok("--as", "carol", "approve", "m", "1", "--for", "Production", "--comment", "ok");
        assertThat(ok("approvals", "m", "1").out()).contains("carol (asserted)").contains("CURRENT");
        ok("--as", "bob", "evidence", "revoke", id, "--reason", "wrong data");
        assertThat(ok("approvals", "m", "1").out()).contains("STALE");
        assertThat(ok("evidence", "show", id).out()).contains("REVOKED");
        assertThat(cli.run("--as", "carol", "reject", "m", "1", "--for", "Production").err()).contains("--comment");
        assertThat(cli.run("--as", "bob", "principal", "list").exit()).as("admins only").isEqualTo(4);
        assertThat(ok("principal", "list").out()).contains("carol", "approver");
    }

    @Test
    void governanceDryRunsWriteNothing() {
        String id = ok("--as", "bob", "evidence", "add", "m", "1", "--kind", "bias-report", "--file", "eval.json", "--id-only")
                .out().strip();
        String before = cli.snapshot();
        for (List<String> command : List.of(
                List.of("principal", "add", "dave", "--role", "viewer"),
                List.of("--as", "bob", "card", "set", "m", "1", "--file", "card.md"),
                List.of("--as", "bob", "evidence", "add", "m", "1", "--kind", "eval-report", "--file", "eval.json"),
                List.of("--as", "bob", "evidence", "revoke", id, "--reason", "r"),
                List.of("--as", "bob", "tag", "set", "m", "1", "bias_checked", "--evidence", id),
                List.of("--as", "carol", "approve", "m", "1", "--for", "Production"),
                List.of("--as", "carol", "reject", "m", "1", "--for", "Production", "--comment", "no"))) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--dry-run"), command.stream()).toArray(String[]::new);
            CliHarness.Result r = cli.run(args);
            assertThat(r.exit()).as(r.toString()).isZero();
            CliLifecycleTest.assertFiveSections(r);
            assertThat(cli.snapshot()).as(String.join(" ", command)).isEqualTo(before);
        }
        assertThat(dir.resolve("regent-data/blobs/sha256")).satisfies(blobs -> {
            try (var files = Files.walk(blobs)) {
                assertThat(files.filter(Files::isRegularFile).count()).as("only the first evidence file is stored").isEqualTo(1);
            }
        });
    }

    private static JsonNode json(CliHarness.Result r) {
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (Exception e) {
            throw new AssertionError(r.toString(), e);
        }
    }
}
