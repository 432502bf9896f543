package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the README's tour of the CLI runs as written, from a fresh directory: every line of its sh block, in
 * order, each `./regent …` through the real command line, checking exit 0. Understands just the shell the block uses:
 * `echo "text" > file`, `export K=V`, `&&`, quotes and trailing comments.
 */
class ReadmeTourTest {
    private static final Pattern ECHO = Pattern.compile("echo \"([^\"]*)\" > (\\S+)");

    @TempDir
    Path work;

    @Test
    void theTourRunsAsWritten() throws IOException {
        Path root = findRoot();
        Files.createDirectories(work.resolve("examples"));
        Files.copy(root.resolve("examples/policy.yaml"), work.resolve("examples/policy.yaml"));
        CliHarness cli = new CliHarness(work);
        List<String> transcript = new ArrayList<>();
        int commands = 0;
        for (String line : tourLines(Files.readString(root.resolve("README.md")))) {
            for (String part : line.replaceFirst("\\s+#.*$", "").split("&&")) {
                String command = part.strip();
                Matcher echo = ECHO.matcher(command);
                if (echo.matches()) {
                    Files.writeString(work.resolve(echo.group(2)), echo.group(1) + "\n", StandardCharsets.UTF_8);
                } else if (command.startsWith("export ")) {
                    String[] kv = command.substring("export ".length()).split("=", 2);
                    cli.env.put(kv[0], kv[1]);
                } else {
                    List<String> words = ExamplesWalkthroughTest.words(command, java.util.Map.of());
                    assertThat(words.get(0)).as(line).isEqualTo("./regent");
                    CliHarness.Result r = cli.run(words.subList(1, words.size()).toArray(new String[0]));
                    commands++;
                    transcript.add("$ " + command + "\n" + r.out() + r.err());
                    assertThat(r.exit()).as("exit code of: " + command + "\n" + r).isZero();
                }
            }
        }
        assertThat(commands).isGreaterThan(10);
        String all = String.join("\n", transcript);
        assertThat(all).contains("Rolled back fraud-detector Production to version 1", "\"action\" : \"stage.rollback\"");
    }

    private static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(p.resolve("examples/policy.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The lines of the first sh block after "## A tour of the CLI". */
    private static List<String> tourLines(String markdown) {
        int start = markdown.indexOf("## A tour of the CLI");
        int open = markdown.indexOf("```sh\n", start);
        int close = markdown.indexOf("\n```", open + 6);
        List<String> lines = new ArrayList<>();
        for (String line : markdown.substring(open + 6, close).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
