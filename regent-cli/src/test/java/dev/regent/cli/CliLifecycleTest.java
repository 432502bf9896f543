package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's walk-through, through the real command line: every step a five-part report. */
class CliLifecycleTest {
    static final String DIGEST1 = "sha256:" + "1".repeat(64);
    static final String DIGEST2 = "sha256:" + "2".repeat(64);

    @TempDir
    Path dir;

    private CliHarness.Result ok(CliHarness cli, String... args) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    static void assertFiveSections(CliHarness.Result r) {
        List<Integer> positions = new ArrayList<>();
        for (String heading : List.of("## Plan", "## Changes", "## Verification", "## Rollback", "## Summary")) {
            int at = r.out().indexOf(heading + "\n");
            assertThat(at).as(heading + " in\n" + r.out()).isNotNegative();
            positions.add(at);
        }
        assertThat(positions).isSorted();
    }

    @Test
    void aNewUsersFirstSession() {
        CliHarness cli = CliHarness.withoutGates(dir);
        assertFiveSections(ok(cli, "model", "create", "fraud", "--description", "Card fraud", "--tag", "team=risk"));
        assertFiveSections(ok(cli, "version", "register", "fraud", "--source", "s3://m/1", "--digest", DIGEST1,
                "--metric", "auc=0.91", "--param", "depth=8", "--run-id", "r1"));
        assertFiveSections(ok(cli, "version", "register", "fraud", "--source", "s3://m/2", "--digest", DIGEST2));
        assertFiveSections(ok(cli, "version", "register", "fraud", "--source", "s3://m/3"));

        assertFiveSections(ok(cli, "promote", "fraud", "1", "--to", "Staging", "--reason", "eval ok"));
        CliHarness.Result prod = ok(cli, "promote", "fraud", "1", "--to", "Production", "--reason", "canary ok");
        assertThat(prod.section("Changes")).contains("fraud/1: Staging -> Production");

        CliHarness.Result second = ok(cli, "promote", "fraud", "2", "--to", "production", "--reason", "better");
        assertThat(second.section("Changes")).contains("fraud/1: Production -> Archived (displaced)");
        assertThat(second.section("Summary")).contains("Version 1 moved from Production to Archived");
        assertThat(second.section("Rollback")).contains("regent rollback fraud --stage Production --to 1");

        CliHarness.Result back = ok(cli, "rollback", "fraud", "--stage", "Production", "--reason", "latency");
        assertFiveSections(back);
        assertThat(back.section("Verification")).contains("[pass] holder of Production - is 1").doesNotContain("[FAIL]");
        assertThat(ok(cli, "version", "show", "fraud", "1").out()).contains("Stage:           Production");
        assertThat(ok(cli, "version", "show", "fraud", "2").out()).contains("Stage:           Archived");

        assertFiveSections(ok(cli, "alias", "set", "fraud", "champion", "1", "--reason", "best"));
        CliHarness.Result moved = ok(cli, "alias", "set", "fraud", "champion", "3", "--reason", "newer");
        assertThat(moved.section("Changes")).contains("alias fraud@champion: 1 -> 3");
        assertThat(moved.section("Rollback")).contains("regent alias set fraud champion 1");

        String list = ok(cli, "version", "list", "fraud").out();
        assertThat(list).containsPattern("1\\s+Production\\s+sha256:111111111111")
                .containsPattern("2\\s+Archived\\s+sha256:222222222222")
                .containsPattern("3\\s+None\\s+champion\\s+-");
        assertThat(ok(cli, "history", "fraud").out()).contains("ROLLED_BACK").contains("latency");
        String audit = ok(cli, "audit", "log", "--model", "fraud").out();
        assertThat(audit).contains("model.create", "version.register", "stage.transition", "stage.rollback", "alias.set")
                .contains("tester");
    }

    @Test
    void aChangeRunTwiceExitsZeroAndTheSecondRunSaysNothingChanged() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        ok(cli, "model", "create", "twice", "--tag", "team=risk");
        ok(cli, "version", "register", "twice", "--source", "s3://m/1", "--digest", DIGEST1);
        ok(cli, "promote", "twice", "1", "--to", "Staging", "--reason", "deploy");
        ok(cli, "alias", "set", "twice", "champion", "1", "--reason", "deploy");
        String audit = ok(cli, "audit", "log", "--model", "twice").out();

        CliHarness.Result promote = ok(cli, "promote", "twice", "1", "--to", "Staging", "--reason", "deploy");
        assertFiveSections(promote);
        assertThat(promote.section("Summary")).contains("already in Staging").contains("nothing changed");
        assertThat(promote.section("Changes")).doesNotContain("->");
        assertThat(ok(cli, "alias", "set", "twice", "champion", "1", "--reason", "deploy").section("Summary"))
                .contains("already points at version 1").contains("nothing changed");
        assertThat(ok(cli, "model", "update", "twice", "--untag", "absent", "--tag", "team=risk").section("Summary"))
                .contains("nothing changed");
        assertThat(ok(cli, "version", "update", "twice", "1", "--untag", "absent").section("Summary")).contains("nothing changed");
        JsonNode json = new ObjectMapper().readTree(ok(cli, "--json", "promote", "twice", "1", "--to", "Staging",
                "--reason", "deploy").out());
        assertThat(json.path("outcome").asText()).isEqualTo("APPLIED");
        assertThat(json.path("changes")).isEmpty();

        assertThat(ok(cli, "audit", "log", "--model", "twice").out()).isEqualTo(audit);
    }

    @Test
    void jsonReportsHaveTheFiveKeys() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        CliHarness.Result r = ok(cli, "--json", "model", "create", "m1");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.has("plan") && json.has("changes") && json.has("verification") && json.has("rollback")
                && json.has("summary")).as(r.out()).isTrue();
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(0, 5)).containsExactly("plan", "changes", "verification", "rollback", "summary");
        assertThat(json.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(json.get("changes").get(0).get("target").asText()).isEqualTo("m1");

        JsonNode shown = new ObjectMapper().readTree(ok(cli, "model", "show", "m1", "--json").out());
        assertThat(shown.get("name").asText()).isEqualTo("m1");
        assertThat(shown.get("created_by").asText()).isEqualTo("tester");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        CliHarness cli = CliHarness.withoutGates(dir);
        Path other = dir.resolve("elsewhere");
        ok(cli, "principal", "add", "carol", "--data", other.toString(), "--role", "contributor");
        ok(cli, "--data", other.toString(), "--as", "carol", "model", "create", "m2");
        CliHarness.Result listed = ok(cli, "model", "list", "--data", other.toString(), "--json");
        assertThat(listed.out()).contains("\"m2\"").contains("\"carol\"");
        assertThat(ok(cli, "model", "list").out()).contains("No models yet");
    }

    @Test
    void theActingPrincipalIsRecorded() {
        CliHarness cli = CliHarness.withoutGates(dir);
        assertThat(cli.run("model", "create", "m3", "--as", "dana").exit()).as("dana is not registered").isEqualTo(4);
        ok(cli, "principal", "add", "dana", "--role", "contributor");
        ok(cli, "model", "create", "m3", "--as", "dana");
        assertThat(ok(cli, "audit", "log", "--json").out()).contains("\"actor\" : \"dana\"");
    }

    /**
     * Issue 13, hole 2: version 1 went None → Staging → Production, so Staging is empty; rolling Staging back must not
     * take version 1 out of Production. The refusal exits 1, says why and what to run instead, and changes nothing.
     */
    @Test
    void rollingBackStagingDoesNotEmptyProduction() {
        CliHarness cli = CliHarness.withoutGates(dir);
        ok(cli, "model", "create", "fraud");
        ok(cli, "version", "register", "fraud", "--source", "s3://m/1", "--digest", DIGEST1);
        ok(cli, "promote", "fraud", "1", "--to", "Staging", "--reason", "eval ok");
        CliHarness.Result prod = ok(cli, "promote", "fraud", "1", "--to", "Production", "--reason", "canary ok");
        assertThat(prod.section("Plan")).contains("No version will hold Staging afterwards.");
        String why = "version 1 holds Production; rolling Staging back to it would take it out of Production and leave"
                + " Production empty";
        String explicit = "regent promote fraud 1 --to Staging --reason 'bad data'";

        CliHarness.Result dry = cli.run("rollback", "fraud", "--stage", "Staging", "--reason", "bad data", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isEqualTo(1);
        assertThat(dry.section("Summary")).startsWith("Dry run: this would be refused.").contains(why);

        CliHarness.Result refused = cli.run("rollback", "fraud", "--stage", "Staging", "--reason", "bad data");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertFiveSections(refused);
        assertThat(refused.section("Plan")).contains("[FAIL] target holds no other stage - " + why)
                .contains("Production empty. To move version 1 from Production to Staging anyway and leave Production empty: "
                        + explicit);
        assertThat(refused.section("Changes")).isEqualTo("none (refused: nothing was written)");
        assertThat(refused.section("Summary")).startsWith("Refused: target holds no other stage: " + why);
        assertThat(ok(cli, "version", "show", "fraud", "1").out()).contains("Stage:           Production");
        assertThat(ok(cli, "audit", "log", "--model", "fraud").out()).contains("stage.rollback").contains("REFUSED");

        // with a fresh version registered, the refusal suggests promoting it, and that command works as printed
        ok(cli, "version", "register", "fraud", "--source", "s3://m/2", "--digest", DIGEST2);
        String promote = "regent promote fraud 2 --to Staging --reason 'bad data'";
        CliHarness.Result again = cli.run("rollback", "fraud", "--stage", "Staging", "--reason", "bad data");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.section("Summary"))
                .contains("Production empty. To promote version 2 to Staging through its gates: " + promote);
        ok(cli, "promote", "fraud", "2", "--to", "Staging", "--reason", "bad data");
        assertThat(ok(cli, "version", "show", "fraud", "1").out()).contains("Stage:           Production");
        assertThat(ok(cli, "version", "show", "fraud", "2").out()).contains("Stage:           Staging");
    }
}
