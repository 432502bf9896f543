package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Issue 18 (latency): a command line is built with only the subcommand its arguments name. Whatever the arguments,
 * the command must behave exactly as with the whole tree: same output, same errors, same exit code.
 */
class LazyCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void theSubcommandTableNamesEachClassByItsOwnCommandName() {
        RegentCommand.SUBCOMMANDS.forEach((name, type) ->
                assertThat(type.getAnnotation(Command.class).name()).isEqualTo(name));
        assertThat(RegentCommand.SUBCOMMANDS).hasSize(26).containsKeys("model", "version", "serve", "restore");
    }

    @Test
    void theGroupTablesNameEachClassByItsOwnCommandNameAndNoGroupListsItsOwn() {
        CommandGroups.SUBCOMMANDS.forEach((group, subcommands) -> {
            assertThat(RegentCommand.SUBCOMMANDS).containsKey(group);
            // a group whose annotation listed subcommands would have picocli build them all again
            assertThat(RegentCommand.SUBCOMMANDS.get(group).getAnnotation(Command.class).subcommands()).isEmpty();
            subcommands.forEach((name, type) ->
                    assertThat(type.getAnnotation(Command.class).name()).as(group + " " + name).isEqualTo(name));
        });
        assertThat(CommandGroups.SUBCOMMANDS).hasSize(12);
        assertThat(CommandGroups.of("model")).containsOnlyKeys("create", "list", "show", "update", "rename", "delete");
        RegentCommand.SUBCOMMANDS.values().forEach(type ->
                assertThat(type.getAnnotation(Command.class).subcommands()).as(type.getName()).isEmpty());
    }

    @Test
    void theRootAloneShowsItsUsageWithEveryCommand() {
        String output = run(true, new String[0]);
        assertThat(output).startsWith("exit 0").contains("Commands:", "  model ", "  version ", "  webhook ");
    }

    @Test
    void theSubcommandIsFoundPastRootOptionsAndTheirValues() {
        assertThat(RegentCommand.subcommandNamed(new String[] {"model", "list"})).isEqualTo("model");
        assertThat(RegentCommand.subcommandNamed(new String[] {"--data", "model", "version", "show", "m", "1"}))
                .isEqualTo("version");
        assertThat(RegentCommand.subcommandNamed(new String[] {"--registry=http://x", "--json", "--token", "t", "audit"}))
                .isEqualTo("audit");
        assertThat(RegentCommand.subcommandNamed(new String[] {"--local", "--debug", "--dry-run", "promote"}))
                .isEqualTo("promote");
    }

    @Test
    void anythingElseGetsTheWholeTree() {
        for (String[] args : List.of(new String[0], new String[] {"--help", "model"}, new String[] {"-V"},
                new String[] {"modle", "list"}, new String[] {"@args.txt"}, new String[] {"--", "model"},
                new String[] {"--data"}, new String[] {"--json=true", "model"}, new String[] {"-h"})) {
            assertThat(RegentCommand.subcommandNamed(args)).as(String.join(" ", args)).isNull();
        }
    }

    @Test
    void outputAndExitCodesAreThoseOfTheWholeTree() {
        CliHarness.withoutGates(dir).run("model", "create", "m");
        List<String[]> cases = List.of(
                new String[] {"model", "list"},
                new String[] {"--json", "model", "list"},
                new String[] {"version", "show", "m", "1"},
                new String[] {"version", "show", "m"},
                new String[] {"model", "lst"},
                new String[] {"model", "--help"},
                new String[] {"model", "list", "--nope"},
                new String[] {"--data", dir.resolve("regent-data").toString(), "model", "show", "m"},
                new String[] {"--registry", "http://127.0.0.1:1", "--token", "t", "--as", "x", "model", "list"},
                new String[] {"--help"},
                new String[] {"modle", "list"},
                new String[] {"--version"},
                new String[] {"model"},
                new String[] {"version", "show", "--help"},
                new String[] {"model", "list", "--help"},
                new String[] {"--json", "version", "show", "m", "1"},
                new String[] {"version", "--json", "show", "m", "1"},
                new String[] {"version", "shw", "m", "1"},
                new String[] {"audit", "verify", "--help"},
                new String[] {"webhook", "rotate-secret", "--help"},
                new String[] {"promote", "--help"},
                new String[] {"promote"},
                new String[0]);
        for (String[] args : cases) {
            assertThat(run(true, args)).as(String.join(" ", args)).isEqualTo(run(false, args));
        }
    }

    private String run(boolean lazy, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("REGENT_CONFIG", dir.resolve("none.yaml").toString(), "REGENT_POLICY", "no-gates.yaml"),
                Clock.systemUTC(), dir, "tester", null);
        CommandLine commandLine = lazy ? RegentCommand.commandLine(environment, args)
                : RegentCommand.commandLine(environment);
        int exit = commandLine.execute(args);
        return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
}
