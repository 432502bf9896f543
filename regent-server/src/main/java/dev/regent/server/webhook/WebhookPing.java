package dev.regent.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.Webhook;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A webhook's test ping: one signed {@code webhook.ping} sent now, once, through the same sender (destination vetted
 * again, every secret in effect) as real deliveries. It changes no registry state, so it is neither stored as a
 * delivery nor audited; the API's {@code POST /api/v1/webhooks/{id}/test} and the web UI both send it here, after the
 * registry has said the caller administers the webhook ({@code Registry.webhooks().get}).
 */
public final class WebhookPing {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final WebhookSender sender;
    private final ObjectMapper mapper;
    private final Clock clock;

    public WebhookPing(WebhookSender sender, ObjectMapper mapper, Clock clock) {
        this.sender = sender;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** What was sent and how the receiver answered (an attempt record; never throws for the receiver's sake). */
    public record Sent(String deliveryId, DeliveryAttempt attempt) {
    }

    /** Sends the ping to a webhook the caller was allowed to read. */
    public Sent send(Webhook webhook) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String deliveryId = "ping_" + HexFormat.of().formatHex(id);
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "webhook.ping");
        body.put("timestamp", now.toString());
        body.put("data", Map.of("webhook_id", webhook.id()));
        try {
            return new Sent(deliveryId, sender.send(webhook, deliveryId, 1, mapper.writeValueAsBytes(body), now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ping body of strings always serializes", e);
        }
    }
}
