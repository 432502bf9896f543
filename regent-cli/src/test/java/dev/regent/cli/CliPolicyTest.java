package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 through the command line: a process cannot bring its own policy (a --policy other than the one in
 * effect is refused and names 'regent policy apply'); the policy changes only through 'policy apply', which
 * plans, reports in five sections and is kept as revisions; aliases are gated; 'gates --policy' is a what-if.
 */
class CliPolicyTest {
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
        Files.writeString(dir.resolve("no-gates.yaml"), "version: 1\n");
        Files.writeString(dir.resolve("model.bin"), "w");
        ok("principal", "add", "bob", "--role", "contributor");
        ok("--as", "bob", "model", "create", "m");
        ok("--as", "bob", "version", "register", "m", "--file", "model.bin");
    }

    @Test
    void aCommandGivenAnotherPolicyIsRefusedAndChangesNothing() {
        String before = cli.snapshot();
        CliHarness.Result refused = cli.run("--policy", "no-gates.yaml", "promote", "m", "1", "--to", "Production",
                "--reason", "no gates here");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("not the registry's policy in effect").contains("regent policy apply")
                .contains("revision 1");
        assertThat(cli.snapshot()).isEqualTo(before);
        cli.env.put("REGENT_POLICY", "no-gates.yaml");
        assertThat(cli.run("model", "list").exit()).isEqualTo(2);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aServerStartedWithAnotherPolicyRefusesToStartAndSaysHowToChangeIt() {
        CliHarness.Result refused = cli.run("serve", "--port", "0", "--policy", "no-gates.yaml");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("not the registry's policy in effect").contains("regent policy apply");
        assertThat(refused.err()).doesNotContain("Exception");
    }

    @Test
    void aliasesAreGatedLikeProductionUnderTheBuiltInPolicy() {
        CliHarness.Result refused = cli.run("--as", "bob", "alias", "set", "m", "champion", "1", "--reason", "deploy");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).contains("gate eval_report").contains("gate approvals").contains("gated like Production");
        CliHarness.Result gates = cli.run("--as", "bob", "gates", "m", "1", "--for", "champion");
        assertThat(gates.exit()).isEqualTo(1);
        assertThat(gates.out()).doesNotContain("All gates pass").contains("policy revision 1");
        CliHarness.Result prod = cli.run("--as", "bob", "gates", "m", "1", "--for", "prod");
        assertThat(prod.exit()).isEqualTo(2);
        assertThat(prod.err()).contains("looks like the stage Production").contains("alias:prod");
    }

    @Test
    void policyApplyPlansReportsAndKeepsRevisions() {
        CliHarness.Result dry = ok("--dry-run", "policy", "apply", "no-gates.yaml", "--reason", "lift the gates");
        assertThat(dry.section("Plan")).contains("- default.stages.Production: approvals{count=1,roles=[],principal_kinds=[user]}")
                .contains("m/1 for Production: fails -> passes");
        assertThat(dry.section("Summary")).contains("would be in effect").contains("Nothing was changed");
        assertThat(ok("policy", "history").out()).contains("1 (in effect)").doesNotContain("\n2 ");
        assertThat(cli.run("--as", "bob", "policy", "apply", "no-gates.yaml", "--reason", "mine").exit()).isEqualTo(4);
        CliHarness.Result applied = ok("policy", "apply", "no-gates.yaml", "--reason", "lift the gates");
        for (String section : new String[] {"Plan", "Changes", "Verification", "Rollback", "Summary"}) {
            assertThat(applied.out()).contains("## " + section);
        }
        assertThat(applied.section("Rollback")).contains("regent policy apply --revision 1");
        CliHarness.Result history = ok("policy", "history");
        assertThat(history.out()).contains("2 (in effect)").contains("tester").contains("lift the gates");
        assertThat(ok("policy", "show").out()).contains("Policy revision 2").contains("Applied by tester");
        assertThat(ok("policy", "show", "--revision", "1", "--yaml").out()).contains("Regent's built-in policy");
        // the file now in effect may be given again; the process's own copy agrees with the registry's
        ok("--policy", "no-gates.yaml", "--as", "bob", "promote", "m", "1", "--to", "Production", "--reason", "no gates now");
        ok("policy", "apply", "--revision", "1", "--reason", "gates back");
        assertThat(ok("policy", "history").out()).contains("3 (in effect)");
    }

    @Test
    void gatesWithAPolicyFileIsAWhatIfThatSaysSo() {
        CliHarness.Result whatIf = cli.run("--as", "bob", "--policy", "no-gates.yaml", "gates", "m", "1", "--for", "Production");
        assertThat(whatIf.exit()).as(whatIf.toString()).isZero();
        assertThat(whatIf.out()).contains("WHAT-IF").contains("NOT the registry's policy in effect")
                .contains("All gates would pass under");
        assertThat(ok("policy", "check", "no-gates.yaml").out()).contains("not the registry's policy until applied");
        assertThat(ok("policy", "history").out()).doesNotContain("\n2 ");
    }
}
