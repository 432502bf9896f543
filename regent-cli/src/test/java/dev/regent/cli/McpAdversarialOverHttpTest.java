package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.policy.PolicyParser;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same adversarial agent as {@link McpAdversarialTest}, now a hosted one: it reaches `regent serve` at `/mcp`
 * over Streamable HTTP with its own bearer token, and every attempt is refused, explained and recorded exactly as
 * over stdio, the registry's rows unchanged.
 */
class McpAdversarialOverHttpTest extends McpAdversarialTest {
    @TempDir
    static Path ownDir;
    static ServerLauncher server;

    @BeforeAll
    static void start() throws Exception {
        // a registry of its own: the stdio scenario's directory is not this class's to reuse
        McpAdversarialTest.dir = ownDir;
        McpAdversarialTest.prepare();
        CliHarness.Result token = cli.run("token", "create", "agent-1");
        assertThat(token.exit()).as(token.toString()).isZero();
        String secret = token.out().lines().filter(l -> l.startsWith("Token: ")).findFirst().orElseThrow().substring(7).trim();
        server = ServerLauncher.start(cli.dataDir, null, PolicyParser.parse(McpAgent.POLICY, "policy.yaml"), "127.0.0.1", 0,
                null, Clock.systemUTC());
        agent = McpAgent.overHttp("http://127.0.0.1:" + server.port(), secret);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (agent != null) {
            agent.close();
            agent = null;
        }
        if (server != null) {
            server.close();
        }
    }
}
