package dev.regent.core.registry;

import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.RegentException;
import dev.regent.core.event.Event;
import dev.regent.core.event.FeedItem;
import dev.regent.core.event.FeedPage;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.report.OperationReport;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.StoreTransaction;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.DestinationCheck;
import dev.regent.core.webhook.RetrySchedule;
import dev.regent.core.webhook.Webhook;
import dev.regent.core.webhook.WebhookSecret;
import dev.regent.core.webhook.WebhookSpec;
import dev.regent.core.webhook.WebhookUpdate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Webhooks and the event feed. Registry-wide webhooks are for admins; a model's webhooks for those who administer the
 * model. Every change is an audited mutation; secrets leave the registry once, when made. Reached through
 * {@link Registry#webhooks()}.
 */
public final class WebhookFacet {
    /** The most events one feed page holds. */
    public static final int MAX_FEED_PAGE = 1000;
    private final RegistryStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final MutationRunner runner;

    WebhookFacet(RegistryStore store, Clock clock, RandomGenerator random, MutationRunner runner) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.runner = runner;
    }

    /** Creates a webhook whose destination passes {@code destinations}; the secret is in the answer, once. */
    public WebhookCreated create(Principal actor, WebhookSpec spec, DestinationCheck destinations, boolean dryRun) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        CreateWebhook create = new CreateWebhook(actor, spec, destinations, "wh_" + HexFormat.of().formatHex(id),
                WebhookSecret.generate(random));
        OperationReport report = runner.run(create, dryRun);
        boolean applied = report.outcome() == dev.regent.core.report.Outcome.APPLIED;
        return new WebhookCreated(report, create.id(), applied ? Optional.of(create.secret()) : Optional.empty());
    }

    /** Changes a webhook (URL, events, format, description, enabled, or a secret rotation whose secret is answered once). */
    public WebhookCreated update(Principal actor, String id, WebhookUpdate update, DestinationCheck destinations, boolean dryRun) {
        if (update.empty()) {
            throw RegentException.invalid("nothing to change: give a url, events, format, description, enabled or a rotation");
        }
        Webhook current = get(actor, id);
        UpdateWebhook change = new UpdateWebhook(actor, current, update, destinations, WebhookSecret.generate(random));
        OperationReport report = runner.run(change, dryRun);
        boolean applied = report.outcome() == dev.regent.core.report.Outcome.APPLIED;
        return new WebhookCreated(report, id, applied ? change.secret() : Optional.empty());
    }

    /** Deletes a webhook; its delivery history stays. */
    public OperationReport delete(Principal actor, String id, boolean dryRun) {
        return runner.run(new DeleteWebhook(actor, get(actor, id)), dryRun);
    }

    /** Sends one delivery again, now, under its id. */
    public OperationReport redeliver(Principal actor, String webhookId, String deliveryId, boolean dryRun) {
        Webhook webhook = get(actor, webhookId);
        Delivery delivery = store.read(tx -> tx.findDelivery(deliveryId)).filter(d -> d.webhookId().equals(webhookId))
                .orElseThrow(() -> RegentException.notFound("delivery " + deliveryId + " of webhook " + webhookId + " not found"));
        return runner.run(new Redeliver(actor, webhook, delivery), dryRun);
    }

    /** The webhooks the actor administers: all for a global admin, else those of models it administers. */
    public List<Webhook> list(Principal actor, ModelName model) {
        return store.read(tx -> {
            List<Webhook> out = new ArrayList<>();
            for (Webhook w : tx.listWebhooks(model)) {
                if (AccessControl.decide(tx, actor, Role.ADMIN, w.model()).allowed()) {
                    out.add(w);
                }
            }
            if (out.isEmpty() && model != null) {
                AccessControl.require(tx, actor, Role.ADMIN, model);
            }
            return out;
        });
    }

    /** One webhook; NOT_FOUND when it does not exist or the actor may not administer it (the same answer). */
    public Webhook get(Principal actor, String id) {
        return store.read(tx -> find(tx, actor, id));
    }

    /** A webhook's deliveries, newest first, below {@code beforeSeq}. */
    public List<Delivery> deliveries(Principal actor, String id, long beforeSeq, int limit) {
        return store.read(tx -> {
            find(tx, actor, id);
            return tx.deliveries(id, beforeSeq, Math.min(Math.max(limit, 1), Registry.MAX_PAGE));
        });
    }

    /** The attempts of one delivery of a webhook, first first. */
    public List<DeliveryAttempt> attempts(Principal actor, String webhookId, String deliveryId) {
        return store.read(tx -> {
            find(tx, actor, webhookId);
            return tx.attempts(deliveryId);
        });
    }

    /**
     * Events after {@code afterSeq} that the actor may read (of one model, or all for null), at most {@code limit};
     * the page's {@code next} is where to continue. Registry-wide events are readable by every principal.
     */
    public FeedPage events(Principal actor, long afterSeq, int limit, ModelName model) {
        if (limit < 1 || limit > MAX_FEED_PAGE) {
            throw RegentException.invalid("an event page holds 1 to " + MAX_FEED_PAGE + " events, not " + limit);
        }
        if (afterSeq < 0) {
            throw RegentException.invalid("the event cursor (after) must not be negative");
        }
        return store.read(tx -> {
            if (model != null) {
                AccessControl.requireRead(tx, actor, model);
            } else {
                AccessControl.require(tx, actor, null, null);
            }
            Map<String, Boolean> readable = new HashMap<>();
            List<FeedItem> items = new ArrayList<>();
            long cursor = afterSeq;
            // scan a bounded number of events per call, so a caller who may read little cannot make one request scan all
            for (int scanned = 0; scanned < MAX_FEED_PAGE * 10 && items.size() < limit; ) {
                List<Event> batch = tx.events(cursor, Math.min(MAX_FEED_PAGE, limit * 4));
                if (batch.isEmpty()) {
                    break;
                }
                for (Event e : batch) {
                    cursor = e.seq();
                    scanned++;
                    if (model != null && !model.value().equals(e.model())) {
                        continue;
                    }
                    boolean may = e.model().isEmpty() || readable.computeIfAbsent(e.model(),
                            m -> AccessControl.mayRead(tx, actor, ModelName.of(m)));
                    if (may) {
                        items.add(new FeedItem(e, entry(tx, e.seq())));
                        if (items.size() == limit) {
                            break;
                        }
                    }
                }
            }
            return new FeedPage(items, cursor);
        });
    }

    /**
     * Every event after {@code afterSeq} with its audit entry, at most {@code limit}, unfiltered: for an in-process
     * follower that decides per reader itself what it may tell (the MCP server's resource subscriptions). Never answer
     * a caller with it directly; {@link #events} is the feed as a principal may read it.
     */
    public List<FeedItem> changes(long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_FEED_PAGE) {
            throw RegentException.invalid("an event page holds 1 to " + MAX_FEED_PAGE + " events, not " + limit);
        }
        return store.read(tx -> {
            List<FeedItem> items = new ArrayList<>();
            for (Event e : tx.events(Math.max(0, afterSeq), limit)) {
                items.add(new FeedItem(e, entry(tx, e.seq())));
            }
            return items;
        });
    }

    /**
     * Where a follower starting now begins: no event committed from now on has a sequence number at or below it (the
     * audit counter; the newest event's number or beyond, 0 for an empty log).
     */
    public long lastEventSeq() {
        // every event carries its audit entry's number, so nothing committed later can be numbered at or below the
        // audit counter: one read, not a walk through the whole event table at every MCP server's start
        return store.read(tx -> tx.auditHead());
    }

    /** The worker's side of the outbox, retrying on the given schedule. */
    public DeliveryQueue queue(RetrySchedule retries) {
        return new DeliveryQueue(store, clock, random, retries);
    }

    private static AuditEntry entry(StoreTransaction tx, long seq) {
        List<AuditEntry> found = tx.auditEntries(new AuditQuery(null, seq - 1, 1));
        if (found.isEmpty() || found.get(0).seq() != seq) {
            throw new IllegalStateException("event " + seq + " has no audit entry");
        }
        return found.get(0);
    }

    private static Webhook find(StoreTransaction tx, Principal actor, String id) {
        RegentException missing = RegentException.notFound("webhook " + dev.regent.core.text.ReadableText.escapeInline(
                String.valueOf(id)) + " not found (see 'regent webhook list')");
        Webhook w = tx.findWebhook(id).orElseThrow(() -> missing);
        AccessControl.Decision d = AccessControl.decide(tx, actor, Role.ADMIN, w.model());
        if (!d.allowed()) {
            if (d.code() == dev.regent.core.error.ErrorCode.UNAUTHENTICATED) {
                AccessControl.require(d, Role.ADMIN);
            }
            throw missing;
        }
        return w;
    }
}
