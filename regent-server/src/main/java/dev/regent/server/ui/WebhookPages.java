package dev.regent.server.ui;

import dev.regent.api.WebhookWires;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.webhook.Delivery;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.WebhookView;
import dev.regent.server.ui.view.WebhooksView;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The webhooks the caller administers, and a page per webhook with its delivery history (every attempt's time, node,
 * status, latency and answer excerpt), where a delivery can be sent again (previewed first, then Confirm). Creating,
 * changing and testing webhooks is done through the API and the CLI (a secret is shown once, to a script).
 */
final class WebhookPages {
    static final int PAGE = 50;

    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;

    WebhookPages(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/webhooks", this::list);
        endpoints.get("/webhooks/{id}", this::one);
        endpoints.post("/webhooks/{id}/deliveries/{delivery}/redeliver", this::redeliver);
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

    private void one(Context ctx, PrincipalRecord caller) {
        String id = ctx.pathParam("id");
        var webhooks = endpoints.registry().webhooks();
        WebhookWires.Webhook webhook = WebhookWires.of(webhooks.get(caller.principal(), id));
        long before = QueryParams.cursor(ctx.queryParam("before"));
        List<Delivery> page = webhooks.deliveries(caller.principal(), id, before == 0 ? Long.MAX_VALUE : before, PAGE);
        List<WebhookWires.Delivery> deliveries = page.stream()
                .map(d -> WebhookWires.of(d, webhooks.attempts(caller.principal(), id, d.id()))).toList();
        String older = page.size() < PAGE ? null
                : Links.withQuery("/webhooks/" + id, Links.params("before", Long.toString(page.get(page.size() - 1).seq())));
        templates.render(ctx, 200, "webhook", new WebhookView(ui.frame(ctx, caller, "Webhook " + id, "webhooks"), webhook,
                deliveries, older));
    }

    private static String enc(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
