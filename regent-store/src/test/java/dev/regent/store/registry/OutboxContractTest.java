package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static dev.regent.store.registry.TestRegistries.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.event.Event;
import dev.regent.core.event.EventType;
import dev.regent.core.event.Outbox;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.DeliveryQueue;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.Outcome;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.DeliveryStatus;
import dev.regent.core.webhook.DestinationCheck;
import dev.regent.core.webhook.RetrySchedule;
import dev.regent.core.webhook.WebhookFormat;
import dev.regent.core.webhook.WebhookSpec;
import dev.regent.store.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on every database: an event for each applied change in the change's own transaction (none for refusals,
 * dry runs or rolled-back work), deliveries only to subscribed webhooks, claims that one node holds at a time under a
 * lease another node takes over once it expires, per-model order, and concurrent claimers that never share a delivery.
 */
abstract class OutboxContractTest extends StoreFixture {
    static final RetrySchedule FAST = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(1));
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T00:00:00Z"));
    Registry registry;

    @BeforeEach
    void createRegistry() {
        if (registry == null) {
            registry = TestRegistries.open(store(), clock, SourceRules.noLocalFiles());
        }
    }

    /** Claims see every webhook of the database: tests that claim start from a database with no other webhook. */
    void deleteOtherWebhooks() {
        registry.webhooks().list(ALICE, null).forEach(w -> registry.webhooks().delete(ALICE, w.id(), false));
    }

    String webhook(ModelName model, WebhookFormat format, String... events) {
        var created = registry.webhooks().create(ALICE, new WebhookSpec("https://hooks.example.com/" + (model == null ? "all" : model),
                Set.of(events), model, format, "test"), DestinationCheck.ANY, false);
        assertThat(created.report().outcome()).isEqualTo(Outcome.APPLIED);
        return created.webhookId();
    }

    ModelName model(String prefix, int versions) {
        ModelName m = uniqueModel(prefix);
        assertThat(registry.createModel(BOB, m, Description.of("d"), Tags.of(Map.of()), false).outcome()).isEqualTo(Outcome.APPLIED);
        for (int n = 1; n <= versions; n++) {
            assertThat(registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/" + m + "/" + n), null, null, null,
                    null, Description.of("v"), Tags.of(Map.of())), false).outcome()).isEqualTo(Outcome.APPLIED);
        }
        return m;
    }

    List<Event> eventsOf(ModelName m) {
        return store().read(tx -> tx.events(0, 100_000)).stream().filter(e -> e.model().equals(m.value())).toList();
    }

    List<Delivery> deliveriesOf(String webhook) {
        return store().read(tx -> tx.deliveries(webhook, Long.MAX_VALUE, 1000));
    }

    @Test
    void everyAppliedChangeIsOneEventWithItsAuditSeqAndRefusalsAndDryRunsAreNone() {
        ModelName m = model("ev", 1);
        assertThat(registry.promote(BOB, m, VersionNumber.of(1), Stage.STAGING, Reason.of("go"), true).outcome()).isEqualTo(Outcome.PLANNED);
        dev.regent.core.model.Principal eve = dev.regent.core.model.Principal.of("eve-" + m);
        registry.access().addPrincipal(ALICE, eve, dev.regent.core.access.PrincipalKind.USER,
                dev.regent.core.access.Grant.global(dev.regent.core.access.Role.VIEWER), false);
        try {
            registry.promote(eve, m, VersionNumber.of(1), Stage.STAGING, Reason.of("go"), false);
        } catch (dev.regent.core.error.RegentException refused) {
            // refused, and the attempt is in the audit log
        }
        assertThat(registry.promote(BOB, m, VersionNumber.of(1), Stage.STAGING, Reason.of("go"), false).outcome()).isEqualTo(Outcome.APPLIED);
        List<AuditEntry> entries = store().read(tx -> tx.auditEntries(new AuditQuery(m, 0, 1000)));
        List<Long> applied = entries.stream().filter(e -> e.outcome() == AuditOutcome.APPLIED).map(AuditEntry::seq).toList();
        assertThat(eventsOf(m).stream().map(Event::seq).toList()).isEqualTo(applied);
        assertThat(eventsOf(m).stream().map(Event::type).toList()).containsExactly(EventType.MODEL_CREATED,
                EventType.VERSION_CREATED, EventType.STAGE_TRANSITIONED);
    }

    @Test
    void anEventRollsBackWithItsChange() {
        ModelName m = model("rb", 0);
        long before = store().read(tx -> tx.events(0, 100_000)).size();
        try {
            store().inTransaction(tx -> {
                AuditEntry appended = tx.appendAudit(AuditEntry.draft(clock.instant(), ALICE, dev.regent.core.audit.AuditAction.MODEL_UPDATE,
                        m.value(), AuditOutcome.APPLIED, "", null, null));
                assertThat(Outbox.record(tx, appended)).isTrue();
                throw new IllegalStateException("the change fails after its event was written");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        List<Event> after = store().read(tx -> tx.events(0, 100_000));
        assertThat(after).hasSize((int) before);
    }

    @Test
    void deliveriesGoOnlyToSubscribedWebhooks() {
        ModelName scoped = uniqueModel("scoped");
        assertThat(registry.createModel(BOB, scoped, Description.of("d"), Tags.of(Map.of()), false).outcome()).isEqualTo(Outcome.APPLIED);
        String mine = webhook(scoped, WebhookFormat.REGENT, "model_version.created");
        String mlflow = webhook(scoped, WebhookFormat.MLFLOW, "*");
        ModelName other = model("other", 1);
        assertThat(registry.registerVersion(BOB, new NewVersion(scoped, SourceUri.of("s3://b/x/1"), null, null, null, null,
                Description.of("v"), Tags.of(Map.of())), false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.promote(BOB, scoped, VersionNumber.of(1), Stage.STAGING, Reason.of("go"), false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(deliveriesOf(mine)).hasSize(1).allSatisfy(d -> assertThat(d.model()).isEqualTo(scoped.value()));
        // MLflow has no stage events: its format gets only the version created
        assertThat(deliveriesOf(mlflow)).hasSize(1);
        assertThat(eventsOf(other)).hasSize(2);
        // a rename carries the scope along
        ModelName renamed = uniqueModel("renamed");
        assertThat(registry.renameModel(BOB, scoped, renamed, "rename", false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.webhooks().get(ALICE, mine).model()).isEqualTo(renamed);
    }

    @Test
    void aClaimIsHeldByOneNodeInModelOrderAndTakenOverWhenItsLeaseExpires() {
        deleteOtherWebhooks();
        ModelName m = uniqueModel("order");
        model(m);
        String hook = webhook(m, WebhookFormat.REGENT, "*");
        version(m);
        version(m);
        DeliveryQueue queue = registry.webhooks().queue(FAST);
        List<Delivery> first = queue.claim("node-a", 10, Duration.ofSeconds(30)).stream()
                .filter(d -> d.webhookId().equals(hook)).toList();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).seq()).isEqualTo(deliveriesOf(hook).get(deliveriesOf(hook).size() - 1).seq());
        assertThat(queue.claim("node-b", 10, Duration.ofSeconds(30))).noneMatch(d -> d.webhookId().equals(hook));
        // node-a dies: after its lease, node-b gets the same delivery (same id)
        clock.advance(Duration.ofSeconds(31));
        List<Delivery> takenOver = queue.claim("node-b", 10, Duration.ofSeconds(30)).stream()
                .filter(d -> d.webhookId().equals(hook)).toList();
        assertThat(takenOver).extracting(Delivery::id).containsExactly(first.get(0).id());
        // a failure schedules a retry and keeps the order: nothing later is claimable meanwhile
        assertThat(queue.record(takenOver.get(0), attempt(takenOver.get(0), 500))).isEqualTo(DeliveryStatus.PENDING);
        assertThat(queue.claim("node-b", 10, Duration.ofSeconds(30))).noneMatch(d -> d.webhookId().equals(hook));
        clock.advance(Duration.ofSeconds(3));
        Delivery again = queue.claim("node-b", 10, Duration.ofSeconds(30)).stream().filter(d -> d.webhookId().equals(hook))
                .findFirst().orElseThrow();
        assertThat(again.id()).isEqualTo(first.get(0).id());
        assertThat(queue.record(again, attempt(again, 200))).isEqualTo(DeliveryStatus.DELIVERED);
        Delivery next = queue.claim("node-b", 10, Duration.ofSeconds(30)).stream().filter(d -> d.webhookId().equals(hook))
                .findFirst().orElseThrow();
        assertThat(next.seq()).isGreaterThan(again.seq());
        List<DeliveryAttempt> attempts = store().read(tx -> tx.attempts(again.id()));
        assertThat(attempts).extracting(DeliveryAttempt::statusCode).containsExactly(500, 200);
    }

    @Test
    void aDeliveryThatKeepsFailingFailsAndFlagsItsWebhook() {
        deleteOtherWebhooks();
        ModelName m = uniqueModel("flag");
        model(m);
        String hook = webhook(m, WebhookFormat.REGENT, "model_version.created");
        version(m);
        DeliveryQueue queue = registry.webhooks().queue(new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2)));
        DeliveryStatus status = DeliveryStatus.PENDING;
        for (int i = 0; i < 10 && status == DeliveryStatus.PENDING; i++) {
            Delivery d = queue.claim("n", 100, Duration.ofSeconds(30)).stream().filter(x -> x.webhookId().equals(hook)).findFirst().orElseThrow();
            status = queue.record(d, attempt(d, 503));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(status).isEqualTo(DeliveryStatus.FAILED);
        assertThat(registry.webhooks().get(ALICE, hook).flagged()).isTrue();
        assertThat(registry.webhooks().get(ALICE, hook).flagReason()).contains("HTTP 503");
    }

    @Test
    void concurrentClaimersNeverShareADelivery() throws Exception {
        deleteOtherWebhooks();
        String hook = webhook(null, WebhookFormat.REGENT, "registered_model.created", "model_version.created");
        int models = 40;
        for (int i = 0; i < models; i++) {
            model(uniqueModel("many"));
        }
        int expected = deliveriesOf(hook).stream().filter(d -> d.status() == DeliveryStatus.PENDING).toList().size();
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<RegistryStore> stores = new ArrayList<>();
        List<Future<?>> work = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            RegistryStore own = openStore();
            stores.add(own);
            Registry node = TestRegistries.open(own, clock, SourceRules.noLocalFiles());
            DeliveryQueue queue = node.webhooks().queue(FAST);
            String name = "node-" + n;
            work.add(pool.submit(() -> {
                for (int round = 0; round < 200; round++) {
                    List<Delivery> got = queue.claim(name, 3, Duration.ofMinutes(5));
                    if (got.isEmpty() && claimedBy.size() >= expected) {
                        return;
                    }
                    for (Delivery d : got) {
                        if (claimedBy.putIfAbsent(d.id(), name) != null) {
                            duplicates.add(d.id());
                        }
                        queue.record(d, attempt(d, 204));
                    }
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        stores.forEach(RegistryStore::close);
        assertThat(duplicates).isEmpty();
        Set<String> delivered = new HashSet<>();
        deliveriesOf(hook).stream().filter(d -> d.status() == DeliveryStatus.DELIVERED).forEach(d -> delivered.add(d.id()));
        assertThat(delivered).hasSizeGreaterThanOrEqualTo(expected);
    }

    /** This chain's claimable deliveries for the webhook: its head when due and unleased, else nothing. */
    private List<Delivery> claimOf(DeliveryQueue queue, String hook) {
        return queue.claim("node-a", 100, Duration.ofSeconds(30)).stream().filter(d -> d.webhookId().equals(hook)).toList();
    }

    @Test
    void whenAChainsHeadFailsForGoodTheNextDeliveryOfItsModelGoesOutAndOnlyThen() {
        deleteOtherWebhooks();
        ModelName m = uniqueModel("chainfail");
        model(m);
        String hook = webhook(m, WebhookFormat.REGENT, "model_version.created");
        version(m);
        version(m);
        version(m);
        List<Delivery> chain = deliveriesOf(hook).stream().sorted(java.util.Comparator.comparingLong(Delivery::seq)).toList();
        assertThat(chain).hasSize(3);
        DeliveryQueue queue = registry.webhooks().queue(new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2)));
        DeliveryStatus status = DeliveryStatus.PENDING;
        for (int i = 0; i < 10 && status == DeliveryStatus.PENDING; i++) {
            List<Delivery> claimed = claimOf(queue, hook);
            // only the head is ever claimable, also while it waits for its retry
            assertThat(claimed).extracting(Delivery::id).containsExactly(chain.get(0).id());
            status = queue.record(claimed.get(0), attempt(claimed.get(0), 503));
            if (status == DeliveryStatus.PENDING) {
                assertThat(claimOf(queue, hook)).isEmpty(); // waiting for its retry, and nothing behind it goes
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(status).isEqualTo(DeliveryStatus.FAILED);
        List<Delivery> second = claimOf(queue, hook);
        assertThat(second).extracting(Delivery::id).containsExactly(chain.get(1).id());
        assertThat(queue.record(second.get(0), attempt(second.get(0), 204))).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(claimOf(queue, hook)).extracting(Delivery::id).containsExactly(chain.get(2).id());
    }

    @Test
    void aRedeliveryWaitsForItsChainsHeadAndGoesAtOnceWhenItsChainIsEmpty() {
        deleteOtherWebhooks();
        ModelName m = uniqueModel("chainredo");
        model(m);
        String hook = webhook(m, WebhookFormat.REGENT, "model_version.created");
        version(m);
        version(m);
        List<Delivery> chain = deliveriesOf(hook).stream().sorted(java.util.Comparator.comparingLong(Delivery::seq)).toList();
        assertThat(chain).hasSize(2);
        DeliveryQueue queue = registry.webhooks().queue(FAST);
        Delivery first = claimOf(queue, hook).get(0);
        assertThat(first.id()).isEqualTo(chain.get(0).id());
        queue.record(first, attempt(first, 204));
        Delivery second = claimOf(queue, hook).get(0);
        assertThat(second.id()).isEqualTo(chain.get(1).id());
        // the first is sent again while the second is on its way: it waits for it
        assertThat(registry.webhooks().redeliver(ALICE, hook, first.id(), false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(claimOf(queue, hook)).isEmpty();
        queue.record(second, attempt(second, 204));
        Delivery again = claimOf(queue, hook).get(0);
        assertThat(again.id()).isEqualTo(first.id());
        // a change meanwhile waits behind the redelivery
        version(m);
        assertThat(claimOf(queue, hook)).isEmpty();
        queue.record(again, attempt(again, 204));
        Delivery third = claimOf(queue, hook).get(0);
        assertThat(third.seq()).isGreaterThan(second.seq());
        queue.record(third, attempt(third, 204));
        assertThat(claimOf(queue, hook)).isEmpty();
        // a redelivery into an empty chain goes at once, and the chain goes on after it
        assertThat(registry.webhooks().redeliver(ALICE, hook, second.id(), false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(claimOf(queue, hook)).extracting(Delivery::id).containsExactly(second.id());
        List<DeliveryAttempt> firstAttempts = store().read(tx -> tx.attempts(first.id()));
        assertThat(firstAttempts).hasSize(2);
    }

    @Test
    void concurrentNodesNeverHoldTwoDeliveriesOfOneChainAndLeaveNoChainStuck() throws Exception {
        deleteOtherWebhooks();
        String hook = webhook(null, WebhookFormat.REGENT, "model_version.created");
        List<ModelName> models = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ModelName m = uniqueModel("chains");
            model(m);
            models.add(m);
        }
        Map<String, Long> held = new ConcurrentHashMap<>();
        Map<String, Long> lastSent = new ConcurrentHashMap<>();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<RegistryStore> stores = new ArrayList<>();
        List<Future<?>> work = new ArrayList<>();
        // a writer enqueues onto the chains while the nodes finish their heads (enqueue and finish race on PostgreSQL)
        work.add(pool.submit(() -> {
            try {
                for (int round = 0; round < 5; round++) {
                    for (ModelName m : models) {
                        version(m);
                    }
                }
            } finally {
                writing.set(false);
            }
            return null;
        }));
        for (int n = 0; n < 4; n++) {
            RegistryStore own = openStore();
            stores.add(own);
            DeliveryQueue queue = TestRegistries.open(own, clock, SourceRules.noLocalFiles()).webhooks().queue(FAST);
            String name = "node-" + n;
            work.add(pool.submit(() -> {
                int idle = 0;
                for (int round = 0; round < 5_000 && idle < 20; round++) {
                    boolean stillWriting = writing.get();
                    List<Delivery> got = queue.claim(name, 4, Duration.ofMinutes(5)).stream()
                            .filter(d -> d.webhookId().equals(hook)).toList();
                    idle = got.isEmpty() && !stillWriting ? idle + 1 : 0;
                    for (Delivery d : got) {
                        Long other = held.putIfAbsent(d.model(), d.seq());
                        if (other != null) {
                            violations.add(name + " claimed " + d.seq() + " of " + d.model() + " while " + other + " was held");
                        }
                        Long before = lastSent.get(d.model());
                        if (before != null && before >= d.seq()) {
                            violations.add(name + " claimed " + d.seq() + " of " + d.model() + " after " + before);
                        }
                    }
                    for (Delivery d : got) {
                        lastSent.merge(d.model(), d.seq(), Math::max);
                        held.remove(d.model(), d.seq()); // released just before its finish commits
                        queue.record(d, attempt(d, 204));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        stores.forEach(RegistryStore::close);
        assertThat(violations).isEmpty();
        // every chain drained: none was left without a head
        assertThat(deliveriesOf(hook)).hasSize(models.size() * 6)
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED));
    }

    @Test
    void aDeliveryEnqueuedWhileItsChainsHeadFinishesBecomesTheHead() throws Exception {
        deleteOtherWebhooks();
        ModelName m = uniqueModel("chainrace");
        model(m);
        String hook = webhook(m, WebhookFormat.REGENT, "model_version.created");
        version(m);
        DeliveryQueue queue = registry.webhooks().queue(FAST);
        Delivery head = claimOf(queue, hook).get(0);
        java.util.concurrent.CountDownLatch finishing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch enqueued = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the head's finishing transaction has handed the head on (to nobody: the chain looked empty) but not
            // committed when a registration enqueues onto the same chain
            Future<?> finish = pool.submit(() -> store().inTransaction(tx -> {
                tx.recordAttempts(List.of(new dev.regent.core.webhook.AttemptOutcome(head, attempt(head, 204),
                        DeliveryStatus.DELIVERED, clock.instant())), clock.instant());
                finishing.countDown();
                try {
                    // the enqueue either waits for this commit (the chain is locked) or, if nothing made it wait,
                    // commits first: give it the time to
                    enqueued.await(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            finishing.await();
            Future<?> enqueue = pool.submit(() -> {
                version(m);
                enqueued.countDown();
            });
            finish.get();
            enqueue.get();
        } finally {
            pool.shutdown();
        }
        // whichever committed first, the new delivery is the chain's head now
        List<Delivery> next = claimOf(queue, hook);
        assertThat(next).hasSize(1);
        assertThat(next.get(0).seq()).isGreaterThan(head.seq());
    }

    private void model(ModelName m) {
        assertThat(registry.createModel(BOB, m, Description.of("d"), Tags.of(Map.of()), false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/" + m + "/1"), null, null, null, null,
                Description.of("v"), Tags.of(Map.of())), false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    private void version(ModelName m) {
        int n = store().read(tx -> tx.versionSummary(m)).maxLiveNumber() + 1;
        assertThat(registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/" + m + "/" + n), null, null, null, null,
                Description.of("v"), Tags.of(Map.of())), false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    private DeliveryAttempt attempt(Delivery d, int status) {
        return new DeliveryAttempt(d.id(), d.attempts() + 1, clock.instant(), 3, status, null, "", "test");
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
