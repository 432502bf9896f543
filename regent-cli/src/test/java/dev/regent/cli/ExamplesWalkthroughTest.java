package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs examples/README.md as written: every `regent` line of its sh blocks, in order, in a copy of the folder,
 * checking each exit code (0 unless the line says "# expect N"). Understands just the shell the page uses:
 * `export`, `VAR=$(regent …)`, "$VAR" and quoting.
 */
class ExamplesWalkthroughTest {
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect\\s+(\\d)");
    private static final Pattern CAPTURE = Pattern.compile("([A-Z0-9_]+)=\\$\\((.*)\\)");

    @TempDir
    Path work;

    @Test
    void theWalkthroughRunsAsWritten() throws IOException {
        Path examples = findExamples();
        try (Stream<Path> files = Files.list(examples)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, work.resolve(f.getFileName()));
                }
            }
        }
        CliHarness cli = new CliHarness(work);
        Map<String, String> vars = new HashMap<>();
        vars.put("PWD", work.toString());
        List<String> transcript = new ArrayList<>();
        int commands = 0;
        for (String line : shellLines(Files.readString(examples.resolve("README.md")))) {
            Matcher expect = EXPECT.matcher(line);
            int expected = expect.find() ? Integer.parseInt(expect.group(1)) : 0;
            String command = line.replaceFirst("\\s+#.*$", "").strip();
            if (command.startsWith("alias ")) {
                continue;
            }
            if (command.startsWith("export ")) {
                for (String assignment : words(command.substring("export ".length()), vars)) {
                    String[] kv = assignment.split("=", 2);
                    cli.env.put(kv[0], kv[1]);
                }
                continue;
            }
            String capture = null;
            Matcher m = CAPTURE.matcher(command);
            if (m.matches()) {
                capture = m.group(1);
                command = m.group(2);
            }
            List<String> args = words(command, vars);
            assertThat(args.get(0)).as(line).isEqualTo("regent");
            CliHarness.Result r = cli.run(args.subList(1, args.size()).toArray(new String[0]));
            commands++;
            transcript.add("$ " + command + "\n" + r.out() + r.err());
            assertThat(r.exit()).as("exit code of: " + line + "\n" + r).isEqualTo(expected);
            if (capture != null) {
                vars.put(capture, r.out().strip());
            }
        }
        assertThat(commands).isGreaterThan(25);
        String all = String.join("\n", transcript);
        // the story the page tells actually happened
        assertThat(all).contains("[FAIL] gate eval_report", "[FAIL] gate model_card", "[FAIL] gate approvals",
                "[FAIL] gate compliance_tags", "All gates pass.", "STALE", "Rolled back credit-scorer Production to version 1",
                "+ default.aliases.champion: approvals{count=1,roles=[],principal_kinds=[user]}", "2 (in effect)",
                "Policy revision 2 (sha256:");
        CliHarness.Result list = cli.run("version", "list", "credit-scorer");
        assertThat(list.out()).containsPattern("1\\s+Production").containsPattern("2\\s+Archived");
    }

    private static Path findExamples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/README.md"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/README.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The lines of the ```sh blocks. */
    private static List<String> shellLines(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inside = !inside && line.strip().equals("```sh");
                continue;
            }
            if (inside && !line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Splits like a POSIX shell for the forms the page uses: quotes, and $VAR outside single quotes. */
    static List<String> words(String text, Map<String, String> vars) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (c == '$' && quote != '\'') {
                int j = i + 1;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                String name = text.substring(i + 1, j);
                if (!vars.containsKey(name)) {
                    throw new IllegalStateException("unset variable $" + name + " in: " + text);
                }
                word.append(vars.get(name));
                i = j - 1;
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
