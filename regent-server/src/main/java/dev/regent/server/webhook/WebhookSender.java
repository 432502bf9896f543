package dev.regent.server.webhook;

import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.Webhook;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Sends one signed body to a webhook and says how it went, as an attempt record: the destination is vetted again
 * (resolved now, connected to the vetted address), the body signed with every secret in effect, the answer bounded.
 */
public final class WebhookSender {
    private final DestinationPolicy policy;
    private final PinnedPost post;
    private final Clock clock;
    private final String node;

    public WebhookSender(DestinationPolicy policy, WebhookSettings settings, Clock clock) {
        this.policy = policy;
        this.post = new PinnedPost(settings.connectTimeout(), settings.readTimeout(), settings.maxResponseBytes());
        this.clock = clock;
        this.node = settings.node();
    }

    public DestinationPolicy policy() {
        return policy;
    }

    /** Sends {@code body} as delivery {@code deliveryId} (attempt {@code number}); never throws for the receiver's sake. */
    public DeliveryAttempt send(Webhook webhook, String deliveryId, int number, byte[] body, Instant signedAt) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        java.util.Optional<String> unsignable = webhook.secretProblem();
        if (unsignable.isPresent()) {
            // never sent unsigned, nor signed with anything else: the owner rotates the secret
            return new DeliveryAttempt(deliveryId, number, started, 0, null, "refused: cannot sign: " + unsignable.get()
                    + "; rotate the webhook's secret", "", node);
        }
        Map<String, String> headers = Signatures.headers(deliveryId, signedAt.getEpochSecond(), body,
                webhook.signingSecrets(signedAt));
        try {
            DestinationPolicy.Vetted to = policy.vet(webhook.url());
            PinnedPost.Answer answer = post.post(to, headers, body);
            return new DeliveryAttempt(deliveryId, number, started, millisSince(t0), answer.status(),
                    answer.status() / 100 == 2 ? null : answer.status() / 100 == 3 ? "redirects are not followed" : null,
                    answer.excerpt(), node);
        } catch (DestinationPolicy.Refused e) {
            return new DeliveryAttempt(deliveryId, number, started, millisSince(t0), null, "refused: " + e.getMessage(), "", node);
        } catch (IOException | RuntimeException e) {
            String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new DeliveryAttempt(deliveryId, number, started, millisSince(t0), null,
                    dev.regent.core.text.ReadableText.escapeInline(why.length() > 300 ? why.substring(0, 300) : why), "", node);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
