package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client of an older protocol revision and one of the current revision, each speaking raw JSON-RPC to the real
 * `regent mcp` process: each gets the revision it asked for, and the tools.
 */
class McpProtocolVersionsTest {
    @TempDir
    static Path dir;
    static CliHarness cli;

    @BeforeAll
    static void start() throws Exception {
        cli = new CliHarness(dir);
        assertThat(cli.run("principal", "add", "agent-1", "--role", "contributor", "--agent").exit()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"})
    void eachRevisionIsNegotiatedAsAsked(String revision) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(McpAgent.command(cli.dataDir, "agent-1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(McpAgent.environment(cli.dataDir));
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + revision
                    + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-client\",\"version\":\"1\"}}}");
            String initialized = out.readLine();
            assertThat(initialized).contains("\"id\":1", "\"protocolVersion\":\"" + revision + "\"", "\"name\":\"regent\"");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            String tools = out.readLine();
            assertThat(tools).contains("\"id\":2", "\"name\":\"promote\"", "\"outputSchema\"");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
