package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.regent.core.access.TokenSecret;
import dev.regent.core.policy.Policies;
import dev.regent.server.webhook.Cidr;
import dev.regent.server.webhook.WebhookSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regent webhook …} and {@code regent events tail} against a server started as 'regent serve --webhook-allow
 * 127.0.0.1/32' would be, with a real receiver; and local mode, where loopback is refused without the allow.
 */
class CliWebhookTest {
    @TempDir
    Path dir;

    @Test
    void createTestDeliverTailAndManageOverTheServer() throws Exception {
        List<String> types = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            types.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()).get("type").asText());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String preset = TokenSecret.generate(new SecureRandom());
        try (ServerLauncher server = ServerLauncher.start(dir.resolve("server"), null, Policies.builtIn(), Optional.empty(),
                "127.0.0.1", 0, preset, Clock.systemUTC(), ServerLauncher.AuditOptions.defaults(), 1 << 20, List.of(),
                dev.regent.server.ui.RunLinks.NONE,
                WebhookSettings.defaults(ServeCommand.webhookRanges(List.of("127.0.0.1/32"))))) {
            CliHarness cli = new CliHarness(dir);
            cli.env.put("REGENT_URL", "http://127.0.0.1:" + server.port());
            cli.env.put("REGENT_TOKEN", preset);
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

            CliHarness.Result created = cli.run("--json", "webhook", "create", "--url", hook, "--events", "*");
            assertThat(created.exit()).as(created.toString()).isZero();
            JsonNode c = new ObjectMapper().readTree(created.out());
            String id = c.get("id").asText();
            assertThat(c.get("secret").asText()).startsWith("whsec_");
            assertThat(cli.run("webhook", "list").out()).contains(id).contains(hook).doesNotContain(c.get("secret").asText());
            assertThat(cli.run("--dry-run", "webhook", "create", "--url", "https://169.254.169.254/", "--events", "*").exit())
                    .isEqualTo(ExitCodes.REFUSED);

            CliHarness.Result ping = cli.run("webhook", "test", id);
            assertThat(ping.exit()).as(ping.toString()).isZero();
            assertThat(ping.out()).contains("HTTP 200");

            assertThat(cli.run("model", "create", "churn").exit()).isZero();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!types.contains("registered_model.created") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(types).contains("webhook.ping", "registered_model.created");
            CliHarness.Result deliveries = cli.run("webhook", "deliveries", id);
            assertThat(deliveries.out()).contains("delivered").contains("HTTP 200");

            CliHarness.Result tail = cli.run("events", "tail", "--after", "0");
            assertThat(tail.exit()).isZero();
            assertThat(tail.out()).contains("registered_model.created").contains("churn");

            assertThat(cli.run("webhook", "disable", id).exit()).isZero();
            assertThat(cli.run("webhook", "show", id).out()).contains("disabled");
            assertThat(cli.run("webhook", "enable", id).exit()).isZero();
            CliHarness.Result rotated = cli.run("webhook", "rotate-secret", id, "--overlap", "1h");
            assertThat(rotated.out()).contains("Signing secret: whsec_");
            assertThat(cli.run("webhook", "delete", id).exit()).isZero();
            assertThat(cli.run("webhook", "show", id).exit()).isEqualTo(ExitCodes.NOT_FOUND);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void localModeRefusesLoopbackWithoutTheAllow() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result refused = cli.run("webhook", "create", "--url", "http://127.0.0.1:9/hook", "--events", "*");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.out() + refused.err()).contains("destination allowed");
        CliHarness.Result ok = cli.run("webhook", "create", "--url", "https://93.184.215.14/hook", "--events",
                "model_version.created", "--description", "ci");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("Signing secret: whsec_");
    }
}
