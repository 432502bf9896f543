package dev.regent.server.webhook;

import dev.regent.core.registry.DeliveryQueue;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the outbox after commit. One dispatcher thread claims due deliveries (leased to this node) whenever the store
 * says something was committed, and at least every poll interval (for retries falling due and other nodes' work);
 * a pool of senders sends them; one recorder thread records the finished attempts with their consequences, as many
 * as have finished in one transaction (group commit: one commit per batch, not one per delivery, which on SQLite was
 * an fsync per delivery competing with the registry's own writes). Claims are bounded by free senders, and a sender's
 * slot is freed once its attempt is recorded, so a node never leases more than it is sending or recording. Stopping leaves unfinished deliveries leased; the lease expires and
 * this or another node sends them (at-least-once).
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    private static final long TICK_MILLIS = 10;

    private final DeliveryQueue queue;
    private final LongSupplier commits;
    private final WebhookSender sender;
    private final EventBodies bodies;
    private final WebhookSettings settings;
    private final Clock clock;
    private final Semaphore free;
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
                    List<Delivery> claimed = queue.claim(settings.node(), available, settings.lease());
                    for (Delivery d : claimed) {
                        free.acquireUninterruptibly();
                        senders.execute(() -> {
                            boolean handedOver = false;
                            try {
                                handedOver = deliver(d);
                            } finally {
                                if (!handedOver) {
                                    free.release(); // else the recorder frees the slot once the attempt is recorded
                                }
                            }
                        });
                    }
                    if (claimed.size() == available) {
                        // there may be more due: look again at once
                        nextPoll = 0;
                        continue;
                    }
                }
                Thread.sleep(TICK_MILLIS);
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

    /** Sends one delivery; returns whether its attempt went to the recorder (which then frees the sender's slot). */
    private boolean deliver(Delivery d) {
        try {
            Optional<DeliveryQueue.Outgoing> outgoing = queue.prepare(d);
            if (outgoing.isEmpty()) {
                queue.drop(d);
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
                return false;
            }
            finished.add(new DeliveryQueue.Done(d, attempt));
            return true;
        } catch (RuntimeException e) {
            // the lease expires and the delivery is claimed again
            LOG.log(Level.WARNING, "webhook delivery " + d.id() + ": " + e.getMessage(), e);
            return false;
        }
    }

    /**
     * Records finished attempts, as many as are waiting in one transaction, until stopped and drained. A batch that
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
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "webhook recorder: " + batch.size() + " attempt(s) not recorded, their leases will "
                            + "expire and they will be sent again: " + e.getMessage(), e);
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
