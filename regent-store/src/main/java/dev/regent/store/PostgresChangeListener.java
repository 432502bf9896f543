package dev.regent.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears other nodes' commits on PostgreSQL: one connection of its own LISTENs on {@link #CHANNEL} (every write
 * transaction NOTIFYs it), and each notification moves the store's generation on, which invalidates this node's
 * view of hot reads. While the connection is down — and until it has LISTENed again — the listener says it is not
 * {@link #hearing()}, and the store then treats every read as possibly stale.
 */
final class PostgresChangeListener implements AutoCloseable {
    static final String CHANNEL = "regent_changes";
    /** Payloads: a commit that changed tokens, principals or grants, and one that did not. Anything else is both. */
    static final String ACCESS = "access";
    static final String DATA = "data";
    private static final System.Logger LOG = System.getLogger(PostgresChangeListener.class.getName());
    private static final int POLL_MILLIS = 500;

    private final String jdbcUrl;
    private final Runnable changed;
    private final Runnable accessChanged;
    private final Runnable dataChanged;
    private final Thread thread;
    private volatile boolean hearing;
    private volatile boolean closed;
    private volatile Connection connection;

    /** {@code changed} runs on every commit heard; {@code accessChanged} too when it may have changed access data. */
    PostgresChangeListener(String jdbcUrl, Runnable changed, Runnable accessChanged) {
        this.jdbcUrl = jdbcUrl;
        this.changed = () -> {
            changed.run();
            accessChanged.run();
        };
        this.accessChanged = accessChanged;
        this.dataChanged = changed;
        this.thread = new Thread(this::run, "regent-postgres-listener");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether another node's commit would be heard now. */
    boolean hearing() {
        return hearing;
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                // anything may have been committed while we were not listening
                changed.run();
                hearing = true;
                failures = 0;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] heard = pg.getNotifications(POLL_MILLIS);
                    if (heard != null && heard.length > 0) {
                        boolean dataOnly = true;
                        for (PGNotification n : heard) {
                            // an older node announces without a payload: count it as both
                            dataOnly &= DATA.equals(n.getParameter());
                        }
                        (dataOnly ? dataChanged : changed).run();
                    }
                }
            } catch (SQLException e) {
                hearing = false;
                changed.run();
                if (!closed) {
                    failures++;
                    LOG.log(System.Logger.Level.WARNING, "not hearing other nodes' changes (" + e.getMessage()
                            + "); hot reads go to the database until the listener reconnects");
                    sleep(Math.min(5000, 200L * failures));
                }
            } finally {
                hearing = false;
                connection = null;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        hearing = false;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
