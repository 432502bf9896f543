package dev.regent.server.ui;

import dev.regent.api.WebhookWires;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Plan;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.Webhook;
import dev.regent.server.webhook.WebhookPing;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.WebhookView;
import dev.regent.server.ui.view.WebhooksView;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The webhooks the caller administers, and a page per webhook with its delivery history (every attempt's time, node,
 * status, latency and answer excerpt), where a delivery can be sent again and a test ping sent (each previewed first,
 * then Confirm). Creating and changing webhooks is done through the API and the CLI (a secret is shown once, to a
 * script).
 */
final class WebhookPages {
    static final int PAGE = 50;

    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;
    private final WebhookPing ping;

    WebhookPages(UiEndpoints endpoints, WebUi ui, Templates templates, WebhookPing ping) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
        this.ping = ping;
    }

    void register() {
        endpoints.get("/webhooks", this::list);
        endpoints.get("/webhooks/{id}", this::one);
        endpoints.post("/webhooks/{id}/deliveries/{delivery}/redeliver", this::redeliver);
        endpoints.post("/webhooks/{id}/test", this::test);
    }

    private void list(Context ctx, PrincipalRecord caller) {
        List<WebhookWires.Webhook> hooks = endpoints.registry().webhooks().list(caller.principal(), null).stream()
                .map(WebhookWires::of).toList();
        templates.render(ctx, 200, "webhooks", new WebhooksView(ui.frame(ctx, caller, "Webhooks", "webhooks"), hooks));
    }

    /** Queues one delivery again (a new attempt, the same delivery id), through the registry's Redeliver mutation. */
    private void redeliver(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        String id = ctx.pathParam("id");
        String delivery = ctx.pathParam("delivery");
        String page = "/webhooks/" + enc(id);
        ui.report(ctx, caller, "Redeliver " + delivery, endpoints.registry().via(WebUi.CHANNEL).webhooks()
                        .redeliver(caller.principal(), id, delivery, !form.confirmed()),
                page + "/deliveries/" + enc(delivery) + "/redeliver", Map.of("csrf", ctx.formParam("csrf")), page,
                "webhooks");
    }

    /**
     * A test ping: first a plan (what would be sent, where; nothing sent), then, confirmed, the ping itself, the
     * webhook's page answering with its result at the top of the delivery history. The registry decides who may (the
     * webhook's administrators: anyone else gets the same 404 as for a missing webhook), as for the API's ping.
     */
    private void test(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        String id = ctx.pathParam("id");
        Webhook webhook = endpoints.registry().webhooks().get(caller.principal(), id);
        String page = "/webhooks/" + enc(id);
        if (!form.confirmed()) {
            Plan plan = new Plan("webhook.ping " + webhook.id(), List.of(
                    "POST a webhook.ping event, signed with the webhook's secret, to " + webhook.url(),
                    "once, now: not retried, not stored in the delivery history, not recorded in the audit log",
                    "the destination is checked again against the server's webhook destination rules before sending"),
                    List.of());
            ui.report(ctx, caller, "Send a test ping to " + webhook.id(), OperationReport.planned(plan,
                            "Would send one test ping to " + webhook.url() + "; confirm to send it."),
                    page + "/test", Map.of("csrf", ctx.formParam("csrf")), page, "webhooks");
            return;
        }
        WebhookPing.Sent sent = ping.send(webhook);
        DeliveryAttempt a = sent.attempt();
        boolean ok = a.statusCode() != null && a.statusCode() / 100 == 2;
        WebhookWires.Delivery shown = new WebhookWires.Delivery(sent.deliveryId(), webhook.id(), 0,
                webhook.model() == null ? null : webhook.model().value(), ok ? "ping answered" : "ping failed", 1, null,
                a.startedAt().toString(), a.startedAt().toString(), List.of(new WebhookWires.Attempt(a.number(),
                a.startedAt().toString(), a.latencyMillis(), a.statusCode(), a.error(), a.responseExcerpt(), a.node())));
        render(ctx, caller, id, shown);
    }

    private void one(Context ctx, PrincipalRecord caller) {
        render(ctx, caller, ctx.pathParam("id"), null);
    }

    /** The webhook's page; {@code ping} (nullable) is a test ping just sent, shown first in the delivery history. */
    private void render(Context ctx, PrincipalRecord caller, String id, WebhookWires.Delivery ping) {
        var webhooks = endpoints.registry().webhooks();
        WebhookWires.Webhook webhook = WebhookWires.of(webhooks.get(caller.principal(), id));
        long before = QueryParams.cursor(ctx.queryParam("before"));
        List<Delivery> page = webhooks.deliveries(caller.principal(), id, before == 0 ? Long.MAX_VALUE : before, PAGE);
        List<WebhookWires.Delivery> deliveries = page.stream()
                .map(d -> WebhookWires.of(d, webhooks.attempts(caller.principal(), id, d.id()))).toList();
        String older = page.size() < PAGE ? null
                : Links.withQuery("/webhooks/" + id, Links.params("before", Long.toString(page.get(page.size() - 1).seq())));
        templates.render(ctx, 200, "webhook", new WebhookView(ui.frame(ctx, caller, "Webhook " + id, "webhooks"), webhook,
                deliveries, older, ping));
    }

    private static String enc(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
