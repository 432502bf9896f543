package dev.regent.cli;

import dev.regent.api.WebhookWires;
import dev.regent.client.WebhookClient;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.WebhookCreated;
import dev.regent.core.report.OperationReport;
import dev.regent.core.webhook.Webhook;
import dev.regent.core.webhook.WebhookFormat;
import dev.regent.core.webhook.WebhookSpec;
import dev.regent.core.webhook.WebhookUpdate;
import dev.regent.server.webhook.DestinationPolicy;
import dev.regent.server.webhook.EventBodies;
import dev.regent.server.webhook.WebhookSender;
import dev.regent.server.webhook.WebhookSettings;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the webhook and event commands need, the same in both modes: remote mode asks the server's API; local mode
 * runs the registry in-process (destinations checked with the ranges in $REGENT_WEBHOOK_ALLOW; nothing but a test
 * ping is sent from here: deliveries go out from 'regent serve').
 */
interface WebhookAccess {
    WebhookCreated create(WebhookWires.Create request, boolean dryRun);

    WebhookCreated update(String id, WebhookWires.Update request, boolean dryRun);

    List<WebhookWires.Webhook> list(String model);

    WebhookWires.Webhook get(String id);

    OperationReport setEnabled(String id, boolean on, boolean dryRun);

    OperationReport delete(String id, boolean dryRun);

    OperationReport redeliver(String id, String delivery, boolean dryRun);

    WebhookWires.Ping test(String id);

    WebhookWires.Deliveries deliveries(String id, Long before, int limit);

    WebhookWires.Events events(long after, int limit, String model, int waitSeconds);

    /** The access for a session: the server's API in remote mode, the registry in-process locally. */
    static WebhookAccess of(Session session, RegentCommand root) {
        if (session instanceof RemoteSession remote) {
            WebhookClient client = remote.webhooks();
            return new WebhookAccess() {
                public WebhookCreated create(WebhookWires.Create r, boolean dry) {
                    return client.create(r, dry);
                }

                public WebhookCreated update(String id, WebhookWires.Update r, boolean dry) {
                    return client.update(id, r, dry);
                }

                public List<WebhookWires.Webhook> list(String model) {
                    return client.list(model);
                }

                public WebhookWires.Webhook get(String id) {
                    return client.get(id);
                }

                public OperationReport setEnabled(String id, boolean on, boolean dry) {
                    return client.setEnabled(id, on, dry);
                }

                public OperationReport delete(String id, boolean dry) {
                    return client.delete(id, dry);
                }

                public OperationReport redeliver(String id, String delivery, boolean dry) {
                    return client.redeliver(id, delivery, dry);
                }

                public WebhookWires.Ping test(String id) {
                    return client.test(id);
                }

                public WebhookWires.Deliveries deliveries(String id, Long before, int limit) {
                    return client.deliveries(id, before, limit);
                }

                public WebhookWires.Events events(long after, int limit, String model, int wait) {
                    return client.events(after, limit, model, wait);
                }
            };
        }
        return new Local(((LocalSession) session).service(), session.actor(), root.environment().clock(),
                DestinationPolicy.of(ServeCommand.webhookRanges(root.environment().variable("REGENT_WEBHOOK_ALLOW")
                        .map(v -> List.of(v.split(","))).orElse(List.of()))));
    }

    /** Local mode: the registry's webhook facet as the acting principal. */
    record Local(Registry registry, Principal actor, Clock clock, DestinationPolicy policy) implements WebhookAccess {
        public WebhookCreated create(WebhookWires.Create r, boolean dry) {
            return registry.webhooks().create(actor, new WebhookSpec(r.url(), r.events() == null ? null
                    : new LinkedHashSet<>(r.events()), r.model() == null ? null : ModelName.of(r.model()),
                    WebhookFormat.parse(r.format()), r.description()), policy, dry);
        }

        public WebhookCreated update(String id, WebhookWires.Update r, boolean dry) {
            java.time.Duration overlap = Boolean.TRUE.equals(r.rotateSecret())
                    ? java.time.Duration.parse(r.overlap() == null ? "PT24H" : r.overlap()) : null;
            return registry.webhooks().update(actor, id, new WebhookUpdate(r.url(), r.events() == null ? null
                    : new LinkedHashSet<>(r.events()), r.format() == null ? null : WebhookFormat.parse(r.format()),
                    r.description(), r.enabled(), overlap), policy, dry);
        }

        public List<WebhookWires.Webhook> list(String model) {
            return registry.webhooks().list(actor, model == null ? null : ModelName.of(model)).stream().map(WebhookWires::of).toList();
        }

        public WebhookWires.Webhook get(String id) {
            return WebhookWires.of(registry.webhooks().get(actor, id));
        }

        public OperationReport setEnabled(String id, boolean on, boolean dry) {
            return registry.webhooks().update(actor, id, WebhookUpdate.enable(on), policy, dry).report();
        }

        public OperationReport delete(String id, boolean dry) {
            return registry.webhooks().delete(actor, id, dry);
        }

        public OperationReport redeliver(String id, String delivery, boolean dry) {
            return registry.webhooks().redeliver(actor, id, delivery, dry);
        }

        public WebhookWires.Ping test(String id) {
            Webhook webhook = registry.webhooks().get(actor, id);
            byte[] bytes = new byte[8];
            new java.security.SecureRandom().nextBytes(bytes);
            String deliveryId = "ping_" + HexFormat.of().formatHex(bytes);
            java.time.Instant now = clock.instant();
            byte[] body;
            try {
                body = dev.regent.api.RegentJson.newMapper().writeValueAsBytes(Map.of("type", "webhook.ping",
                        "timestamp", now.toString(), "data", Map.of("webhook_id", webhook.id())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            var attempt = new WebhookSender(policy, WebhookSettings.defaults(policy.allowed()), clock)
                    .send(webhook, deliveryId, 1, body, now);
            return new WebhookWires.Ping(deliveryId, attempt.statusCode(), attempt.error(), attempt.latencyMillis(),
                    attempt.responseExcerpt());
        }

        public WebhookWires.Deliveries deliveries(String id, Long before, int limit) {
            var page = registry.webhooks().deliveries(actor, id, before == null ? Long.MAX_VALUE : before, limit);
            return new WebhookWires.Deliveries(page.stream().map(d -> WebhookWires.of(d,
                    registry.webhooks().attempts(actor, id, d.id()))).toList(),
                    page.size() < limit || page.isEmpty() ? null : page.get(page.size() - 1).seq());
        }

        public WebhookWires.Events events(long after, int limit, String model, int waitSeconds) {
            long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
            while (true) {
                var page = registry.webhooks().events(actor, after, limit, model == null ? null : ModelName.of(model));
                if (!page.items().isEmpty() || System.nanoTime() >= deadline) {
                    return new WebhookWires.Events(page.items().stream().map(i -> EventBodies.data(i.event(), i.entry()))
                            .toList(), page.next());
                }
                after = page.next();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegentException(dev.regent.core.error.ErrorCode.INTERNAL, "interrupted");
                }
            }
        }
    }
}
