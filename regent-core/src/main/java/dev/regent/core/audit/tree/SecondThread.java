package dev.regent.core.audit.tree;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands what one thread produces to a consumer running on a second thread, in batches, so that reading (the database
 * driver, on the caller's thread, which owns the connection) and the work on what was read (hashing, comparing) use
 * two cores at once. Items are consumed in the order they were accepted. The consumer's failure is rethrown by
 * {@link #finish()} (and stops the producer at its next {@link #accept}); {@link #close()} without {@link #finish()}
 * (the producer failed) abandons the rest and stops the second thread.
 */
final class SecondThread<T> implements Consumer<T>, AutoCloseable {
    static final int BATCH = 512;
    private static final Object[] END = new Object[0];

    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(16);
    private final Thread thread;
    private volatile Throwable failure;
    private Object[] batch = new Object[BATCH];
    private int filled;

    SecondThread(String name, Consumer<T> consumer) {
        thread = new Thread(() -> consume(consumer), name);
        thread.setDaemon(true);
        thread.start();
    }

    @SuppressWarnings("unchecked")
    private void consume(Consumer<T> consumer) {
        try {
            while (true) {
                Object[] items = queue.take();
                if (items == END) {
                    return;
                }
                for (Object item : items) {
                    if (item == null) {
                        break; // the last batch is not full
                    }
                    consumer.accept((T) item);
                }
            }
        } catch (InterruptedException e) {
            // abandoned by close(): the producer failed
        } catch (RuntimeException | Error e) {
            failure = e;
            queue.clear(); // unblocks a producer waiting for room; it sees the failure next
        }
    }

    @Override
    public void accept(T item) {
        batch[filled++] = item;
        if (filled == BATCH) {
            hand(batch);
            batch = new Object[BATCH];
            filled = 0;
        }
    }

    /** Hands over what is left, waits for the consumer to finish and rethrows its failure, if any. */
    void finish() {
        if (filled > 0) {
            hand(batch);
            filled = 0;
        }
        hand(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            throw new IllegalStateException("interrupted while the audit log was being verified", e);
        }
        rethrowFailure();
    }

    private void hand(Object[] items) {
        try {
            while (!queue.offer(items, 50, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the verifying thread ended early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the audit log was being verified", e);
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    /** Stops the second thread if {@link #finish()} did not run to its end (the producer failed). */
    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
