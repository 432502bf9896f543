package dev.regent.server.ui;

import dev.regent.api.WebhookWires;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.event.EventType;
import dev.regent.core.model.ModelName;
import dev.regent.core.registry.WebhookCreated;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Plan;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.DestinationCheck;
import dev.regent.core.webhook.Webhook;
import dev.regent.core.webhook.WebhookFormat;
import dev.regent.core.webhook.WebhookSpec;
import dev.regent.core.webhook.WebhookUpdate;
import dev.regent.server.ui.view.WebhookCreatedView;
import dev.regent.server.webhook.WebhookPing;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.WebhookView;
import dev.regent.server.ui.view.WebhooksView;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * The webhooks the caller administers, and a page per webhook with its delivery history (every attempt's time, node,
 * status, latency and answer excerpt), where a delivery can be sent again and a test ping sent; forms to create,
 * enable, disable and delete webhooks. Each change is previewed first, then Confirm; a new webhook's secret is shown
 * once. Changing a webhook's URL or events and rotating its secret are left to the CLI and the API.
 */
final class WebhookPages {
    static final int PAGE = 50;

    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;
    private final WebhookPing ping;
    private final DestinationCheck destinations;

    WebhookPages(UiEndpoints endpoints, WebUi ui, Templates templates, WebhookPing ping, DestinationCheck destinations) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
        this.ping = ping;
        this.destinations = destinations;
    }

    void register() {
        endpoints.get("/webhooks", this::list);
        endpoints.get("/webhooks/{id}", this::one);
        endpoints.post("/webhooks/{id}/deliveries/{delivery}/redeliver", this::redeliver);
        endpoints.post("/webhooks/{id}/test", this::test);
        endpoints.post("/webhooks", this::create);
        endpoints.post("/webhooks/{id}/enable", (ctx, caller) -> toggle(ctx, caller, true));
        endpoints.post("/webhooks/{id}/disable", (ctx, caller) -> toggle(ctx, caller, false));
        endpoints.post("/webhooks/{id}/delete", this::delete);
    }

    /**
     * Creates a webhook through the registry's CreateWebhook mutation: a preview (the destination checked, nothing
     * stored), then Confirm, then its secret on a page of its own, this once.
     */
    private void create(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        String url = form.required("url", "The URL to deliver to");
        String rawEvents = form.optional("events");
        Set<String> events = new LinkedHashSet<>();
        for (String e : (rawEvents == null ? EventType.ALL : rawEvents).split("[,\\s]+")) {
            if (!e.isBlank()) {
                events.add(e.trim());
            }
        }
        String model = form.optional("model");
        String format = form.optional("format");
        String description = form.text("description", WebhookSpec.MAX_DESCRIPTION + 1).trim();
        WebhookSpec spec = new WebhookSpec(url, events, model == null ? null : ModelName.of(model),
                WebhookFormat.parse(format == null ? WebhookFormat.REGENT.label() : format), description);
        WebhookCreated created = endpoints.registry().via(WebUi.CHANNEL).webhooks().create(caller.principal(), spec,
                destinations, !form.confirmed());
        if (created.secret().isEmpty()) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("csrf", ctx.formParam("csrf"));
            fields.put("url", url);
            fields.put("events", String.join(",", events));
            fields.put("model", model == null ? "" : model);
            fields.put("format", spec.format().label());
            fields.put("description", description);
            ui.report(ctx, caller, "Create a webhook", created.report(), "/webhooks", fields, "/webhooks", "webhooks");
            return;
        }
        templates.render(ctx, 200, "webhook-created", new WebhookCreatedView(ui.frame(ctx, caller, "Webhook created", "webhooks"),
                created.webhookId(), url, created.secret().get()));
    }

    private void toggle(Context ctx, PrincipalRecord caller, boolean on) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        String id = ctx.pathParam("id");
        String page = "/webhooks/" + enc(id);
        ui.report(ctx, caller, (on ? "Enable" : "Disable") + " webhook " + id, endpoints.registry().via(WebUi.CHANNEL).webhooks()
                        .update(caller.principal(), id, WebhookUpdate.enable(on), destinations, !form.confirmed()).report(),
                page + (on ? "/enable" : "/disable"), Map.of("csrf", ctx.formParam("csrf")), page, "webhooks");
    }

    private void delete(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        String id = ctx.pathParam("id");
        OperationReport report = endpoints.registry().via(WebUi.CHANNEL).webhooks().delete(caller.principal(), id, !form.confirmed());
        ui.report(ctx, caller, "Delete webhook " + id, report, "/webhooks/" + enc(id) + "/delete",
                Map.of("csrf", ctx.formParam("csrf")), form.confirmed() ? "/webhooks" : "/webhooks/" + enc(id), "webhooks");
    }

    private void list(Context ctx, PrincipalRecord caller) {
        List<WebhookWires.Webhook> hooks = endpoints.registry().webhooks().list(caller.principal(), null).stream()
                .map(WebhookWires::of).toList();
        boolean mayCreate = caller.grants().stream().anyMatch(g -> g.role().includes(Role.ADMIN));
        templates.render(ctx, 200, "webhooks", new WebhooksView(ui.frame(ctx, caller, "Webhooks", "webhooks"), hooks, mayCreate,
                Arrays.stream(EventType.values()).map(EventType::wireName).toList()));
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
