package dev.regent.client;

import dev.regent.api.ReportWire;
import dev.regent.api.WebhookWires;
import dev.regent.core.registry.WebhookCreated;
import dev.regent.core.report.OperationReport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Webhooks and the event feed over the native API ({@code /api/v1/webhooks}, {@code /api/v1/events}). */
public final class WebhookClient {
    private static final String HOOKS = "/api/v1/webhooks";
    private final HttpExchange http;

    private WebhookClient(HttpExchange http) {
        this.http = http;
    }

    /** A client of the registry at {@code base} with a bearer token. */
    public static WebhookClient connect(URI base, String token) {
        return new WebhookClient(new HttpExchange(base, token));
    }

    /** Creates a webhook; the secret is in the answer once (empty on a dry run or refusal). */
    public WebhookCreated create(WebhookWires.Create request, boolean dryRun) {
        return created(http.withJson("POST", http.uri(HOOKS, dry(dryRun)), request, true).build());
    }

    /** Changes a webhook (a rotation's new secret is in the answer once). */
    public WebhookCreated update(String id, WebhookWires.Update request, boolean dryRun) {
        return created(http.withJson("PATCH", http.uri(HOOKS + "/" + HttpExchange.segment(id), dry(dryRun)), request, false).build());
    }

    public List<WebhookWires.Webhook> list(String model) {
        return http.call(http.request(http.uri(HOOKS, HttpExchange.query("model", model))).GET().build(),
                WebhookWires.Webhooks.class).webhooks();
    }

    public WebhookWires.Webhook get(String id) {
        return http.call(http.request(http.uri(HOOKS + "/" + HttpExchange.segment(id), Map.of())).GET().build(),
                WebhookWires.Webhook.class);
    }

    public OperationReport setEnabled(String id, boolean on, boolean dryRun) {
        return post(HOOKS + "/" + HttpExchange.segment(id) + (on ? "/enable" : "/disable"), dryRun);
    }

    public OperationReport delete(String id, boolean dryRun) {
        return http.report(http.request(http.uri(HOOKS + "/" + HttpExchange.segment(id), dry(dryRun))).DELETE().build());
    }

    public OperationReport redeliver(String id, String delivery, boolean dryRun) {
        return post(HOOKS + "/" + HttpExchange.segment(id) + "/deliveries/" + HttpExchange.segment(delivery) + "/redeliver", dryRun);
    }

    public WebhookWires.Ping test(String id) {
        return http.call(http.request(http.uri(HOOKS + "/" + HttpExchange.segment(id) + "/test", Map.of()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), WebhookWires.Ping.class);
    }

    public WebhookWires.Deliveries deliveries(String id, Long before, int limit) {
        return http.call(http.request(http.uri(HOOKS + "/" + HttpExchange.segment(id) + "/deliveries",
                HttpExchange.query("before", before, "limit", limit))).GET().build(), WebhookWires.Deliveries.class);
    }

    /** A page of the event feed after {@code after}; with {@code waitSeconds} > 0 the server holds until one arrives. */
    public WebhookWires.Events events(long after, int limit, String model, int waitSeconds) {
        HttpRequest request = http.request(http.uri("/api/v1/events", HttpExchange.query("after", after, "limit", limit,
                "model", model, "wait", waitSeconds > 0 ? waitSeconds + "s" : null)))
                .timeout(Duration.ofSeconds(waitSeconds + 30L)).GET().build();
        return http.call(request, WebhookWires.Events.class);
    }

    private OperationReport post(String path, boolean dryRun) {
        return http.report(http.request(http.uri(path, dry(dryRun))).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private WebhookCreated created(HttpRequest request) {
        HttpResponse<byte[]> response = http.send(request);
        if (response.statusCode() / 100 == 2) {
            WebhookWires.Created c = http.decode(response.body(), WebhookWires.Created.class);
            return new WebhookCreated(c.report().toDomain(), c.id(), Optional.ofNullable(c.secret()));
        }
        OperationReport refused = http.refusedReport(response.body())
                .orElseThrow(() -> http.error(response.statusCode(), response.body()));
        return new WebhookCreated(refused, null, Optional.empty());
    }

    private static Map<String, Object> dry(boolean dryRun) {
        return dryRun ? Map.of("dry_run", "true") : Map.of();
    }
}
