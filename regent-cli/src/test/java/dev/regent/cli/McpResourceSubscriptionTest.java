package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import io.modelcontextprotocol.spec.McpSchema.UnsubscribeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Resource subscriptions over stdio, through the real `regent mcp` process and the SDK's client: subscribed to a
 * model's resource, a change to the model (a version registered) sends notifications/resources/updated for that URI
 * (the SDK's client then reads it and hands over its contents); after unsubscribing, no more.
 */
class McpResourceSubscriptionTest {
    @TempDir
    static Path dir;
    static CliHarness cli;
    static McpAgent agent;
    /** The URIs of the resources the server said changed, in the order the client read them. */
    static final BlockingQueue<String> UPDATED = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        cli = new CliHarness(dir);
        Files.writeString(dir.resolve("policy.yaml"), McpAgent.POLICY);
        cli.env.put("REGENT_POLICY", dir.resolve("policy.yaml").toString());
        assertThat(cli.run("principal", "add", "agent-1", "--role", "contributor", "--agent").exit()).isZero();
        assertThat(cli.run("principal", "add", "limited", "--role", "viewer", "--model", "sentinel").exit()).isZero();
        agent = McpAgent.start(cli.dataDir, "agent-1", spec -> spec.resourcesUpdateConsumer(
                (List<ResourceContents> contents) -> contents.forEach(c -> UPDATED.add(c.uri()))),
                "--policy", dir.resolve("policy.yaml").toString());
        for (String m : List.of("fraud-detector", "sentinel", "secret")) {
            assertThat(agent.call("create_model", Map.of("model", m)).isError()).isFalse();
        }
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aSubscribedModelIsToldOfItsChangesUntilUnsubscribed() throws InterruptedException {
        assertThat(agent.client.getServerCapabilities().resources().subscribe()).isTrue();
        String fraud = "regent://models/fraud-detector";
        String sentinel = "regent://models/sentinel";
        // a version's URI is changed by one event only: once it is told, every earlier event (the models created) has
        // been told too, so nothing stale arrives after
        agent.client.subscribeResource(new SubscribeRequest(fraud + "/versions/1"));
        assertThat(agent.call("register_version", Map.of("model", "fraud-detector", "source", "s3://m/1")).isError()).isFalse();
        assertThat(UPDATED.poll(60, TimeUnit.SECONDS)).isEqualTo(fraud + "/versions/1");

        agent.client.subscribeResource(new SubscribeRequest(fraud));
        assertThat(agent.call("register_version", Map.of("model", "fraud-detector", "source", "s3://m/2")).isError()).isFalse();
        assertThat(UPDATED.poll(60, TimeUnit.SECONDS)).isEqualTo(fraud);

        agent.client.unsubscribeResource(new UnsubscribeRequest(fraud));
        agent.client.subscribeResource(new SubscribeRequest(sentinel));
        assertThat(agent.call("register_version", Map.of("model", "fraud-detector", "source", "s3://m/3")).isError()).isFalse();
        // the sentinel's change comes after in the feed, and the feed is told in order: once it arrived (twice, so the
        // client's read of anything told before it has ended too), a notification for the unsubscribed model would have
        for (int i = 3; i <= 4; i++) {
            assertThat(agent.call("register_version", Map.of("model", "sentinel", "source", "s3://s/" + i)).isError()).isFalse();
            assertThat(UPDATED.poll(60, TimeUnit.SECONDS)).isEqualTo(sentinel);
        }
        assertThat(UPDATED).isEmpty();
    }

    @Test
    void aLocalPrincipalIsToldOnlyOfModelsItMayRead() throws InterruptedException {
        BlockingQueue<String> told = new LinkedBlockingQueue<>();
        List<String> command = McpAgent.command(cli.dataDir, "limited", "--policy", dir.resolve("policy.yaml").toString());
        io.modelcontextprotocol.client.transport.ServerParameters params = io.modelcontextprotocol.client.transport
                .ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .env(McpAgent.environment(cli.dataDir)).build();
        // recorded as the transport receives them: what the server sent, whether or not the client could read it
        try (io.modelcontextprotocol.client.McpSyncClient limited = io.modelcontextprotocol.client.McpClient.sync(
                new NotificationRecorder(new io.modelcontextprotocol.client.transport.StdioClientTransport(params,
                        io.modelcontextprotocol.json.McpJsonDefaults.getMapper()), told))
                .requestTimeout(java.time.Duration.ofSeconds(120)).initializationTimeout(java.time.Duration.ofSeconds(60)).build()) {
            limited.initialize();
            // over stdio the SDK accepts the subscription; what it is told is checked per change
            limited.subscribeResource(new SubscribeRequest("regent://models/secret"));
            limited.subscribeResource(new SubscribeRequest("regent://models/sentinel"));
            assertThat(agent.call("register_version", Map.of("model", "secret", "source", "s3://x/1")).isError()).isFalse();
            assertThat(agent.call("register_version", Map.of("model", "sentinel", "source", "s3://s/limited")).isError()).isFalse();
            // the feed is told in order: once sentinel's change is told, secret's would have been
            assertThat(told.poll(60, TimeUnit.SECONDS)).isEqualTo("regent://models/sentinel");
            assertThat(told).isEmpty();
        }
    }
}
