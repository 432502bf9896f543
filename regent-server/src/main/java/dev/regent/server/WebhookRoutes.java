package dev.regent.server;

import dev.regent.api.ReportWire;
import dev.regent.api.WebhookWires;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.registry.WebhookCreated;
import dev.regent.core.report.Outcome;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.Webhook;
import dev.regent.core.webhook.WebhookFormat;
import dev.regent.core.webhook.WebhookSpec;
import dev.regent.core.webhook.WebhookUpdate;
import dev.regent.server.webhook.WebhookPing;
import dev.regent.server.webhook.WebhookSender;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Webhooks: create (the secret is in this one answer), list, get, update (incl. secret rotation), enable, disable,
 * delete, test ping, deliveries with every attempt, redeliver. Who may do what is the registry's decision (admins for
 * registry-wide webhooks, a model's admins for the model's); the destination policy is this server's.
 */
final class WebhookRoutes {
    static final String LIST = "/api/v1/webhooks";
    static final String ONE = LIST + "/{id}";

    private final WebhookSender sender;

    WebhookRoutes(WebhookSender sender) {
        this.sender = sender;
    }

    void register(Endpoints e) {
        e.get(LIST, this::list);
        e.create(LIST, this::create);
        e.get(ONE, this::get);
        e.patch(ONE, this::update);
        e.delete(ONE, this::delete);
        e.post(ONE + "/enable", call -> toggle(call, true));
        e.post(ONE + "/disable", call -> toggle(call, false));
        e.post(ONE + "/test", this::test);
        e.get(ONE + "/deliveries", this::deliveries);
        e.post(ONE + "/deliveries/{delivery}/redeliver", this::redeliver);
    }

    private Reply list(Call call) {
        ModelName model = call.query("model") == null ? null : ModelName.of(call.query("model"));
        return Reply.ok(new WebhookWires.Webhooks(call.registry().webhooks().list(call.actor(), model).stream()
                .map(WebhookRoutes::wire).toList()));
    }

    private Reply create(Call call) throws Exception {
        WebhookWires.Create body = call.body(WebhookWires.Create.class);
        WebhookSpec spec = new WebhookSpec(body.url(), body.events() == null ? null : new LinkedHashSet<>(body.events()),
                body.model() == null ? null : ModelName.of(body.model()), WebhookFormat.parse(body.format()), body.description());
        WebhookCreated created = call.registry().webhooks().create(call.actor(), spec, sender.policy(), call.dryRun());
        return created(call, created, 201);
    }

    private Reply created(Call call, WebhookCreated created, int appliedStatus) {
        if (created.report().outcome() == Outcome.REFUSED) {
            return call.report(created.report());
        }
        ReportWire report = ReportWire.of(created.report());
        WebhookWires.Webhook view = created.report().outcome() == Outcome.APPLIED
                ? wire(call.registry().webhooks().get(call.actor(), created.webhookId())) : null;
        int status = created.report().outcome() == Outcome.APPLIED ? appliedStatus : 200;
        return Reply.json(status, new WebhookWires.Created(created.webhookId(), created.secret().orElse(null), view, report))
                .replayWith(new WebhookWires.Created(created.webhookId(), null, view, report));
    }

    private Reply get(Call call) {
        return Reply.ok(wire(call.registry().webhooks().get(call.actor(), call.path("id"))));
    }

    private Reply update(Call call) throws Exception {
        WebhookWires.Update body = call.body(WebhookWires.Update.class);
        Duration overlap = null;
        if (Boolean.TRUE.equals(body.rotateSecret())) {
            try {
                overlap = body.overlap() == null ? Duration.ofHours(24) : Duration.parse(body.overlap());
            } catch (DateTimeParseException e) {
                throw RegentException.invalid("'overlap' must be an ISO-8601 duration such as PT24H, got '"
                        + dev.regent.core.text.ReadableText.escapeInline(body.overlap()) + "'");
            }
        }
        WebhookUpdate update = new WebhookUpdate(body.url(), body.events() == null ? null : new LinkedHashSet<>(body.events()),
                body.format() == null ? null : WebhookFormat.parse(body.format()), body.description(), body.enabled(), overlap);
        return created(call, call.registry().webhooks().update(call.actor(), call.path("id"), update, sender.policy(),
                call.dryRun()), 200);
    }

    private Reply toggle(Call call, boolean on) {
        return call.report(call.registry().webhooks().update(call.actor(), call.path("id"), WebhookUpdate.enable(on),
                sender.policy(), call.dryRun()).report());
    }

    private Reply delete(Call call) {
        return call.report(call.registry().webhooks().delete(call.actor(), call.path("id"), call.dryRun()));
    }

    /** Sends a signed ping now (not stored as a delivery) and answers what the receiver said. */
    private Reply test(Call call) {
        Webhook webhook = call.registry().webhooks().get(call.actor(), call.path("id"));
        WebhookPing.Sent sent = new WebhookPing(sender, call.mapper(), call.parts().clock()).send(webhook);
        DeliveryAttempt attempt = sent.attempt();
        return Reply.ok(new WebhookWires.Ping(sent.deliveryId(), attempt.statusCode(), attempt.error(), attempt.latencyMillis(),
                attempt.responseExcerpt()));
    }

    private Reply deliveries(Call call) {
        String id = call.path("id");
        long before = call.query("before") == null ? Long.MAX_VALUE : number(call.query("before"), "before");
        int limit = call.query("limit") == null ? 50 : (int) Math.min(number(call.query("limit"), "limit"), 1000);
        List<Delivery> page = call.registry().webhooks().deliveries(call.actor(), id, before, limit);
        List<WebhookWires.Delivery> out = page.stream().map(d -> wire(d,
                call.registry().webhooks().attempts(call.actor(), id, d.id()))).toList();
        Long next = page.size() < limit || page.isEmpty() ? null : page.get(page.size() - 1).seq();
        return Reply.ok(new WebhookWires.Deliveries(out, next));
    }

    private Reply redeliver(Call call) {
        return call.report(call.registry().webhooks().redeliver(call.actor(), call.path("id"), call.path("delivery"),
                call.dryRun()));
    }

    private static long number(String raw, String name) {
        try {
            long n = Long.parseLong(raw);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw RegentException.invalid("query parameter '" + name + "' must be a positive whole number");
        }
    }

    static WebhookWires.Webhook wire(Webhook w) {
        return WebhookWires.of(w);
    }

    static WebhookWires.Delivery wire(Delivery d, List<DeliveryAttempt> attempts) {
        return WebhookWires.of(d, attempts);
    }
}
