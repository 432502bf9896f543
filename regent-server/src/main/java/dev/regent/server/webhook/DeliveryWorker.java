package dev.regent.server.webhook;

import dev.regent.core.registry.DeliveryQueue;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox after commit. One dispatcher thread claims due deliveries (chain heads, leased to this node) when
 * the store says something was committed, at most once per {@link #CLAIM_INTERVAL_MILLIS} (wake-ups coalesce: a burst
 * of commits is one claim, not one each), and at least every poll interval (for retries falling due and other nodes'
 * work); it reads what to send for the whole claim in one read, and a pool of senders sends it; one recorder thread
 * records the finished attempts with their consequences, as many as have finished in one transaction (group commit:
 * one commit per batch, not one per delivery, which on SQLite was an fsync per delivery competing with the registry's
 * own writes). Claims are bounded by free senders, and a sender's slot is freed once its attempt is recorded, so a
 * node never claims more than it is sending or recording. Stopping leaves unfinished deliveries claimed; the claim
 * expires and this or another node sends them (at-least-once).
 *
 * <p>The only node of its database (an embedded one, under the data directory's lock) writes no lease to claim: it
 * keeps its claims in memory ({@link #inFlight}), so claiming costs SQLite's one writer nothing, and the recorder's
 * batches are the worker's only writes. Nobody else can claim there, and after a crash every unrecorded delivery is
 * still pending (a delivery's state changes only with its recorded attempt), so it is sent again under its id.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    private static final long TICK_MILLIS = 10;
    /** The least time between two claims: commits arriving meanwhile are answered by one claim. */
    static final long CLAIM_INTERVAL_MILLIS = 5;

    private final DeliveryQueue queue;
    private final LongSupplier commits;
    private final WebhookSender sender;
    private final EventBodies bodies;
    private final WebhookSettings settings;
    private final Clock clock;
    private final Semaphore free;
    /** The sole node's claims: delivery id to the time (nanoTime) its claim lapses, as a lease would. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private ExecutorService senders;
    private Thread dispatcher;
    private Thread recorder;
    private final java.util.concurrent.BlockingQueue<DeliveryQueue.Done> finished = new java.util.concurrent.LinkedBlockingQueue<>();
    /** The most attempts one recording transaction holds. */
    private static final int RECORD_BATCH = 256;
    private volatile boolean running;

    /**
     * @param commits a number that changes when something may have been committed (the store's generation)
     */
    public DeliveryWorker(DeliveryQueue queue, LongSupplier commits, WebhookSender sender, EventBodies bodies,
                          WebhookSettings settings, Clock clock) {
        this.queue = queue;
        this.commits = commits;
        this.sender = sender;
        this.bodies = bodies;
        this.settings = settings;
        this.clock = clock;
        this.free = new Semaphore(settings.senders());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (settings.soleNode()) {
            queue.recoverAsSoleNode();
        }
        senders = Executors.newFixedThreadPool(settings.senders(), r -> {
            Thread t = new Thread(r, "regent-webhook-sender");
            t.setDaemon(true);
            return t;
        });
        dispatcher = new Thread(this::dispatch, "regent-webhook-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
        recorder = new Thread(this::recordFinished, "regent-webhook-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    private void dispatch() {
        long seen = Long.MIN_VALUE;
        long nextPoll = 0;
        while (running) {
            try {
                long now = System.nanoTime();
                long generation = commits.getAsLong();
                int available = free.availablePermits();
                if (available > 0 && (generation != seen || now >= nextPoll)) {
                    seen = generation;
                    nextPoll = now + settings.poll().toNanos();
                    List<Delivery> claimed = claim(available, now);
                    if (!claimed.isEmpty()) {
                        send(claimed);
                    }
                }
                Thread.sleep(CLAIM_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a database hiccup must not stop deliveries for good; the next tick tries again
                LOG.log(Level.WARNING, "webhook dispatcher: " + e.getMessage(), e);
                sleepQuietly(settings.poll().toMillis());
            }
        }
    }

    /** Claims up to {@code limit} due deliveries: leased in the database, or, on the sole node, kept in memory. */
    private List<Delivery> claim(int limit, long now) {
        if (!settings.soleNode()) {
            return queue.claim(settings.node(), limit, settings.lease());
        }
        inFlight.values().removeIf(until -> until - now < 0); // lapsed, as a lease would: sent again
        List<Delivery> due = queue.dueForSoleNode(limit, inFlight.keySet());
        long until = now + settings.lease().toNanos();
        due.forEach(d -> inFlight.put(d.id(), until));
        return due;
    }

    /** Reads what to send for the claimed deliveries (one read) and hands each to a sender. */
    private void send(List<Delivery> claimed) {
        List<Optional<DeliveryQueue.Outgoing>> prepared;
        try {
            prepared = queue.prepareAll(claimed);
        } catch (RuntimeException e) {
            // their claims lapse and they are claimed again
            LOG.log(Level.WARNING, "webhook dispatcher: cannot read " + claimed.size() + " claimed deliveries: " + e.getMessage(), e);
            return;
        }
        for (int i = 0; i < claimed.size(); i++) {
            Delivery d = claimed.get(i);
            Optional<DeliveryQueue.Outgoing> outgoing = prepared.get(i);
            free.acquireUninterruptibly();
            senders.execute(() -> {
                boolean handedOver = false;
                try {
                    handedOver = deliver(d, outgoing);
                } finally {
                    if (!handedOver) {
                        free.release(); // else the recorder frees the slot once the attempt is recorded
                    }
                }
            });
        }
    }

    /** Sends one delivery; returns whether its attempt went to the recorder (which then frees the sender's slot). */
    private boolean deliver(Delivery d, Optional<DeliveryQueue.Outgoing> outgoing) {
        try {
            if (outgoing.isEmpty()) {
                queue.drop(d);
                inFlight.remove(d.id());
                return false;
            }
            DeliveryQueue.Outgoing o = outgoing.get();
            Instant now = clock.instant();
            byte[] body = bodies.body(o.webhook().format(), o.event(), o.entry(), now);
            DeliveryAttempt attempt = sender.send(o.webhook(), d.id(), d.attempts() + 1, body, now);
            if (o.webhook().secretProblem().isPresent()) {
                // retrying cannot open the secret: fail now and flag the webhook, loudly
                LOG.log(Level.WARNING, "webhook " + o.webhook().id() + " cannot sign: " + o.webhook().secretProblem().get());
                queue.refuse(d, attempt, "cannot sign: " + o.webhook().secretProblem().get());
                inFlight.remove(d.id());
                return false;
            }
            finished.add(new DeliveryQueue.Done(d, attempt));
            return true;
        } catch (RuntimeException e) {
            // the claim lapses and the delivery is claimed again
            LOG.log(Level.WARNING, "webhook delivery " + d.id() + ": " + e.getMessage(), e);
            return false;
        }
    }

    /**
     * Records finished attempts, as many as are waiting in one transaction, until stopped and drained.
     *
     * <p>These transactions keep SQLite's full sync. A relaxed one (synchronous=NORMAL) for a batch of delivered attempts
     * would only risk a redelivery under the same id after a power cut, which at-least-once allows; but SQLite's
     * setting is the connection's, and the group commit puts this batch in one transaction with whatever registrations
     * are waiting, whose acknowledged changes must survive a power cut. So it is not done. A batch that
     * cannot be recorded is not lost to the receivers: its deliveries stay leased, the leases expire, and they are sent
     * again under the same ids (at-least-once).
     */
    private void recordFinished() {
        java.util.List<DeliveryQueue.Done> batch = new java.util.ArrayList<>(RECORD_BATCH);
        while (running || !finished.isEmpty() || free.availablePermits() < settings.senders()) {
            try {
                DeliveryQueue.Done first = finished.poll(TICK_MILLIS * 10, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!running && senders.isTerminated() && finished.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                finished.drainTo(batch, RECORD_BATCH - 1);
                try {
                    queue.recordAll(batch);
                    // recorded (committed): a claim from now on reads their new state, so they need no claim of ours
                    batch.forEach(done -> inFlight.remove(done.delivery().id()));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "webhook recorder: " + batch.size() + " attempt(s) not recorded, their leases will "
                            + "lapse and they will be sent again: " + e.getMessage(), e);
                } finally {
                    free.release(batch.size());
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(Math.max(TICK_MILLIS, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming and waits briefly for attempts in flight; unfinished ones are taken over when their lease ends. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        dispatcher.interrupt();
        senders.shutdown();
        try {
            dispatcher.join(5000);
            senders.awaitTermination(settings.connectTimeout().plus(settings.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
        try {
            recorder.join(5000); // what the senders finished is recorded before this returns
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
