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
        agent = McpAgent.start(cli.dataDir, "agent-1", spec -> spec.resourcesUpdateConsumer(
                (List<ResourceContents> contents) -> contents.forEach(c -> UPDATED.add(c.uri()))),
                "--policy", dir.resolve("policy.yaml").toString());
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
        for (String m : List.of("fraud-detector", "sentinel")) {
            assertThat(agent.call("create_model", Map.of("model", m)).isError()).isFalse();
        }
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
}
