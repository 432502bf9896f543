package dev.regent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official MCP Inspector's CLI (npm {@code @modelcontextprotocol/inspector}) run by the Node 22 it needs, both
 * pinned by the test harness in {@code src/test/inspector} (package.json and package-lock.json; never shipped). One
 * {@link #call} is one Inspector process: it connects, initializes, makes one request and prints the result as one
 * JSON document. Without the harness installed the tests are skipped with the command that installs it, unless
 * REGENT_TEST_INSPECTOR=required (as CI sets it), when they fail.
 */
final class Inspector {
    static final Path HARNESS = Path.of(System.getenv().getOrDefault("REGENT_TEST_INSPECTOR_DIR", "src/test/inspector"));
    static final String INSTALL = "npm ci --prefix regent-cli/src/test/inspector";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path node;
    private final Path cli;
    private final Path home;

    private Inspector(Path node, Path cli, Path home) {
        this.node = node;
        this.cli = cli;
        this.home = home;
    }

    /**
     * The installed Inspector; null when it is not installed (the caller's tests then skip, each naming
     * {@link #skipped()}), or a failure when REGENT_TEST_INSPECTOR=required.
     */
    static Inspector locate(Path scratch) throws IOException {
        Path bin = HARNESS.resolve("node_modules/.bin").toAbsolutePath();
        Path node = bin.resolve("node");
        Path cli = bin.resolve("mcp-inspector");
        if (!(Files.isExecutable(node) && Files.exists(cli))) {
            if ("required".equals(System.getenv("REGENT_TEST_INSPECTOR"))) {
                throw new IllegalStateException("REGENT_TEST_INSPECTOR=required but the MCP Inspector is not installed in "
                        + HARNESS.toAbsolutePath() + "; install it (and the Node 22 it runs on) with: " + INSTALL);
            }
            // also on the console: Maven's summary shows a skipped test's count, not its reason
            System.err.println(skipped());
            return null;
        }
        // the Inspector keeps a catalog and OAuth state under $HOME/.mcp-inspector: a scratch home, not the user's
        Path home = Files.createDirectories(scratch.resolve("inspector-home"));
        return new Inspector(node, cli, home);
    }

    /** Why the Inspector's tests are skipped, and the command that installs what they need. */
    static String skipped() {
        return "MCP Inspector tests skipped: the MCP Inspector and Node 22 are not installed in "
                + HARNESS.toAbsolutePath() + "; install them with: " + INSTALL
                + " (CI does, and sets REGENT_TEST_INSPECTOR=required)";
    }

    /** What one Inspector run printed: its exit code, the JSON result on stdout and the error envelope on stderr. */
    record Result(int exit, String out, String err) {
        /** The request's result ({@code {"result": …}} on stdout). */
        JsonNode result() {
            try {
                JsonNode document = JSON.readTree(out);
                if (document == null || !document.has("result")) {
                    throw new AssertionError("no result from the Inspector: " + this);
                }
                return document.get("result");
            } catch (IOException e) {
                throw new AssertionError("the Inspector did not print JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /**
     * Runs {@code inspector --cli --format json REQUEST… TARGET…}: the request's options (e.g. {@code --method
     * tools/list}), then the target's (a stdio command after {@code --}, or {@code --transport http … -- URL}).
     */
    Result call(List<String> request, List<String> target) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node.toString(), cli.toString(), "--cli", "--format", "json",
                // its default of 15 s to connect is short for a `regent mcp` JVM starting on a loaded machine
                "--connect-timeout", "120000"));
        command.addAll(request);
        command.addAll(target);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("NO_COLOR", "1");
        // a `node` the Inspector or a package might spawn by name is the pinned Node 22 too
        builder.environment().put("PATH", node.getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
        // files, not pipes: nothing to drain while it runs
        Path out = Files.createTempFile(home, "out", ".json");
        Path err = Files.createTempFile(home, "err", ".txt");
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the Inspector did not finish in 180 s: " + command + "\n" + Files.readString(err));
        }
        try {
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
