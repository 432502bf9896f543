package dev.regent.server.webhook;

import dev.regent.core.webhook.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the server delivers webhooks: the operator's allowed ranges ({@code --webhook-allow}), the retry schedule, how
 * often the worker looks for due deliveries when no commit woke it, how long a claim is leased, connect and read
 * timeouts, how much of an answer is kept, how many deliveries go out at once, this node's name in claims, and whether
 * it is the only node of its database.
 */
public record WebhookSettings(List<Cidr> allow, RetrySchedule retries, Duration poll, Duration lease, Duration connectTimeout,
                              Duration readTimeout, int maxResponseBytes, int senders, String node, boolean soleNode) {
    public WebhookSettings {
        allow = List.copyOf(allow);
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(node, "node");
        if (senders < 1 || senders > 256 || maxResponseBytes < 0 || maxResponseBytes > 64 * 1024) {
            throw new IllegalArgumentException("1..256 senders and at most 64 KiB of response excerpt");
        }
        // a claim outlives the longest attempt, so a slow receiver does not get the delivery sent twice at once
        Duration longest = connectTimeout.plus(readTimeout).multipliedBy(2).plusSeconds(5);
        if (lease.compareTo(longest) < 0) {
            lease = longest;
        }
    }

    /** The defaults: retries for 72 hours, a 1 s poll, 5 s connect and 10 s read timeouts, 1 KiB excerpts, 32 senders. */
    public static WebhookSettings defaults(List<Cidr> allow) {
        return new WebhookSettings(allow, RetrySchedule.DEFAULT, Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1024, 32, defaultNode(), false);
    }

    public WebhookSettings withRetries(RetrySchedule r) {
        return new WebhookSettings(allow, r, poll, lease, connectTimeout, readTimeout, maxResponseBytes, senders, node, soleNode);
    }

    public WebhookSettings withPoll(Duration p) {
        return new WebhookSettings(allow, retries, p, lease, connectTimeout, readTimeout, maxResponseBytes, senders, node, soleNode);
    }

    public WebhookSettings withNode(String n) {
        return new WebhookSettings(allow, retries, poll, lease, connectTimeout, readTimeout, maxResponseBytes, senders, n, soleNode);
    }

    public WebhookSettings withTimeouts(Duration connect, Duration read) {
        return new WebhookSettings(allow, retries, poll, lease, connect, read, maxResponseBytes, senders, node, soleNode);
    }

    /**
     * These settings for the only node of its database (an embedded one, under the data directory's lock): at start it
     * takes back the claims its killed predecessor held, instead of waiting for their leases to expire.
     */
    public WebhookSettings asSoleNode() {
        return new WebhookSettings(allow, retries, poll, lease, connectTimeout, readTimeout, maxResponseBytes, senders, node, true);
    }

    private static String defaultNode() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
