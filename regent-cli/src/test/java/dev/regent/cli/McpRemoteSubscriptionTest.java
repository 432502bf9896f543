package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.policy.PolicyParser;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource subscriptions of `regent mcp --registry URL` (remote mode over stdio): the process follows the server's
 * event feed as its token's principal, so a change another agent makes through the server reaches the subscribed
 * client, and a model the principal may not read is never told, even when the client subscribed to it.
 */
class McpRemoteSubscriptionTest {
    @TempDir
    static Path dir;
    static CliHarness cli;
    static ServerLauncher server;
    static McpAgent changer;
    static McpSyncClient limited;
    static final BlockingQueue<String> UPDATED = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        cli = new CliHarness(dir);
        assertThat(cli.run("principal", "add", "agent-1", "--role", "contributor", "--agent").exit()).isZero();
        CliHarness.Result added = cli.run("principal", "add", "limited", "--role", "viewer", "--model", "alpha");
        assertThat(added.exit()).as(added.toString()).isZero();
        String agentToken = token("agent-1");
        String limitedToken = token("limited");
        server = ServerLauncher.start(cli.dataDir, null, PolicyParser.parse(McpAgent.POLICY, "policy.yaml"), "127.0.0.1", 0,
                null, Clock.systemUTC());
        String url = "http://127.0.0.1:" + server.port();
        changer = McpAgent.overHttp(url, agentToken);
        for (String m : List.of("alpha", "beta")) {
            assertThat(changer.call("create_model", Map.of("model", m)).isError()).isFalse();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.regent.cli.Main", "mcp", "--registry", url);
        ServerParameters params = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .env(Map.of("REGENT_TOKEN", limitedToken, "REGENT_CONFIG", dir.resolve(".no-login.yaml").toString())).build();
        // recorded as the transport receives them: what the server sent, whether or not the client could read it
        limited = McpClient.sync(new NotificationRecorder(new StdioClientTransport(params, McpJsonDefaults.getMapper()), UPDATED))
                .requestTimeout(Duration.ofSeconds(120)).initializationTimeout(Duration.ofSeconds(60)).build();
        limited.initialize();
    }

    private static String token(String principal) {
        CliHarness.Result token = cli.run("token", "create", principal);
        assertThat(token.exit()).as(token.toString()).isZero();
        return token.out().lines().filter(l -> l.startsWith("Token: ")).findFirst().orElseThrow().substring(7).trim();
    }

    @AfterAll
    static void stop() throws Exception {
        if (limited != null) {
            limited.close();
        }
        if (changer != null) {
            changer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRemoteAgentIsToldOfWhatItsTokenMayReadOnly() throws InterruptedException {
        assertThat(limited.getServerCapabilities().resources().subscribe()).isTrue();
        // a version's URI is changed by one event only: once told, nothing from before is still to come
        limited.subscribeResource(new SubscribeRequest("regent://models/alpha/versions/1"));
        assertThat(changer.call("register_version", Map.of("model", "alpha", "source", "s3://a/1")).isError()).isFalse();
        assertThat(UPDATED.poll(60, TimeUnit.SECONDS)).isEqualTo("regent://models/alpha/versions/1");

        limited.subscribeResource(new SubscribeRequest("regent://models/alpha"));
        limited.subscribeResource(new SubscribeRequest("regent://models/beta")); // accepted over stdio, never told
        assertThat(changer.call("register_version", Map.of("model", "beta", "source", "s3://b/1")).isError()).isFalse();
        assertThat(changer.call("register_version", Map.of("model", "alpha", "source", "s3://a/2")).isError()).isFalse();
        assertThat(UPDATED.poll(60, TimeUnit.SECONDS)).isEqualTo("regent://models/alpha");
        assertThat(UPDATED).isEmpty();
    }
}
