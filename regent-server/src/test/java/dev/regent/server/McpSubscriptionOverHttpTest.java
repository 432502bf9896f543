package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreFactory;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import io.modelcontextprotocol.spec.McpSchema.UnsubscribeRequest;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Resource subscriptions over `/mcp` of a real server, with the SDK's Streamable HTTP client: a change made through
 * the registry by another client reaches the session subscribed to the model's resource as
 * notifications/resources/updated, and stops after unsubscribing. A principal granted on one model only cannot
 * subscribe to another (the answer is the one reading a missing model gets) and is told nothing of it; nor of a model
 * whose grant was taken away after it subscribed. Notifications are recorded as the client's transport receives them,
 * before the client does anything with them.
 */
class McpSubscriptionOverHttpTest {
    static final Principal ADMIN = Principal.of("admin");
    static final String UPDATED = "notifications/resources/updated";
    static Path dir;
    static RegistryStore store;
    static Registry registry;
    static RegentServer server;
    static int port;
    static String agentToken;
    static String limitedToken;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("regent-mcp-subscribe");
        store = StoreFactory.open(dir, null);
        registry = new Registry(store, Clock.systemUTC(), new Random(42), SourceRules.references(),
                PolicyParser.parse(McpOverHttpTest.POLICY, "policy.yaml"), StoreFactory.blobs(dir), true);
        registry.access().bootstrapServerAdmin(ADMIN, null).orElseThrow();
        registry.access().addPrincipal(ADMIN, Principal.of("agent-1"), PrincipalKind.AGENT, new Grant(Role.CONTRIBUTOR, null), false);
        agentToken = registry.access().issueToken(ADMIN, Principal.of("agent-1"), null, "mcp test", false).secret().orElseThrow();
        server = new RegentServer(registry, StoreFactory.blobs(dir), Clock.systemUTC(),
                ServerConfig.defaults("127.0.0.1", 0, new byte[32])).withMcp(report -> report.summary(), "test");
        port = server.start();
        try (McpSyncClient agent = client(agentToken, new LinkedBlockingQueue<>())) {
            for (String m : List.of("alpha", "beta", "gamma", "delta")) {
                assertThat(agent.callTool(new CallToolRequest("create_model", Map.of("model", m))).isError()).isFalse();
            }
        }
        registry.access().addPrincipal(ADMIN, Principal.of("limited"), PrincipalKind.USER,
                new Grant(Role.VIEWER, ModelName.of("alpha")), false);
        registry.access().addPrincipal(ADMIN, Principal.of("limited"), PrincipalKind.USER,
                new Grant(Role.VIEWER, ModelName.of("gamma")), false);
        limitedToken = registry.access().issueToken(ADMIN, Principal.of("limited"), null, "mcp test", false).secret().orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    /** A client whose transport records the URI of every notifications/resources/updated it receives. */
    static McpSyncClient client(String token, BlockingQueue<String> told) {
        McpClientTransport http = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        McpSyncClient client = McpClient.sync(new Recording(http, told)).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    static void register(McpSyncClient agent, String model, String source) {
        CallToolResult r = agent.callTool(new CallToolRequest("register_version", Map.of("model", model, "source", source)));
        assertThat(r.isError()).as(String.valueOf(r.content())).isFalse();
    }

    @Test
    void aSubscribedSessionIsToldOfChangesByAnotherClientUntilItUnsubscribes() throws InterruptedException {
        BlockingQueue<String> told = new LinkedBlockingQueue<>();
        try (McpSyncClient follower = client(agentToken, told); McpSyncClient changer = client(agentToken, new LinkedBlockingQueue<>())) {
            assertThat(follower.getServerCapabilities().resources().subscribe()).isTrue();
            // a version's URI is changed by one event only: once it is told, every earlier event (the models created
            // before) has been told too, so nothing stale arrives after
            follower.subscribeResource(new SubscribeRequest("regent://models/delta/versions/1"));
            register(changer, "delta", "s3://d/1");
            assertThat(told.poll(60, TimeUnit.SECONDS)).isEqualTo("regent://models/delta/versions/1");

            follower.subscribeResource(new SubscribeRequest("regent://models/delta"));
            register(changer, "delta", "s3://d/2");
            assertThat(told.poll(60, TimeUnit.SECONDS)).isEqualTo("regent://models/delta");

            follower.unsubscribeResource(new UnsubscribeRequest("regent://models/delta"));
            follower.subscribeResource(new SubscribeRequest("regent://models/delta/versions/3"));
            register(changer, "delta", "s3://d/3"); // version 3: told of the version, no longer of the model
            assertThat(told.poll(60, TimeUnit.SECONDS)).isEqualTo("regent://models/delta/versions/3");
            assertThat(told).isEmpty();
        }
    }

    @Test
    void aPrincipalIsNeverToldOfAModelItMayNotRead() throws InterruptedException {
        BlockingQueue<String> told = new LinkedBlockingQueue<>();
        try (McpSyncClient limited = client(limitedToken, told); McpSyncClient agent = client(agentToken, new LinkedBlockingQueue<>())) {
            McpError missing = catchMcp(() -> limited.readResource(new ReadResourceRequest("regent://models/no-such-model")));
            for (String uri : List.of("regent://models/beta", "regent://models/beta/versions/1",
                    "regent://models/beta/versions/1/card")) {
                McpError refused = catchMcp(() -> limited.subscribeResource(new SubscribeRequest(uri)));
                assertThat(refused.getJsonRpcError().code()).isEqualTo(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                        .isEqualTo(missing.getJsonRpcError().code());
                assertThat(refused.getJsonRpcError().message())
                        .isEqualTo(missing.getJsonRpcError().message().replace("no-such-model", "beta"));
            }
            // as above: once version 1 of alpha is told, nothing earlier is still to come
            limited.subscribeResource(new SubscribeRequest("regent://models/alpha/versions/1"));
            register(agent, "alpha", "s3://a/1");
            assertThat(told.poll(60, TimeUnit.SECONDS)).isEqualTo("regent://models/alpha/versions/1");
            limited.subscribeResource(new SubscribeRequest("regent://models/alpha"));
            limited.subscribeResource(new SubscribeRequest("regent://models/gamma"));
            register(agent, "gamma", "s3://g/1");
            assertThat(told.poll(60, TimeUnit.SECONDS)).isEqualTo("regent://models/gamma");

            // the grant on gamma goes after subscribing: from then on, its changes are not told either
            registry.access().revokeGrant(ADMIN, Principal.of("limited"), new Grant(Role.VIEWER, ModelName.of("gamma")), false);
            register(agent, "beta", "s3://b/1");
            register(agent, "gamma", "s3://g/2");
            // alpha's change comes after both in the feed, which is told in order
            register(agent, "alpha", "s3://a/2");
            assertThat(told.poll(60, TimeUnit.SECONDS)).isEqualTo("regent://models/alpha");
            assertThat(told).isEmpty();
        }
    }

    private static McpError catchMcp(Runnable call) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(call::run).satisfies(t -> thrown[0] = t);
        Throwable t = thrown[0];
        while (t != null && !(t instanceof McpError)) {
            t = t.getCause();
        }
        assertThat(t).as("an MCP error: " + thrown[0]).isInstanceOf(McpError.class);
        return (McpError) t;
    }

    /** The client's transport, recording the URI of each resource-updated notification it receives. */
    private record Recording(McpClientTransport delegate, BlockingQueue<String> told) implements McpClientTransport {
        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            return delegate.connect(in -> handler.apply(in.doOnNext(message -> {
                if (message instanceof McpSchema.JSONRPCNotification n && UPDATED.equals(n.method())
                        && n.params() instanceof Map<?, ?> params) {
                    told.add(String.valueOf(params.get("uri")));
                }
            })));
        }

        @Override
        public void setExceptionHandler(java.util.function.Consumer<Throwable> handler) {
            delegate.setExceptionHandler(handler);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return delegate.sendMessage(message);
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return delegate.unmarshalFrom(data, type);
        }

        @Override
        public List<String> protocolVersions() {
            return delegate.protocolVersions();
        }
    }
}
