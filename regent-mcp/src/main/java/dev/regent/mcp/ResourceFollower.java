package dev.regent.mcp;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows the change feed for one MCP server and tells the sessions subscribed to a model's, a version's or a card's
 * resource that it changed ({@code notifications/resources/updated}; the SDK keeps who subscribed to what and sends
 * to those only). One daemon thread, from the feed's head at start; closing it stops the thread. Who may subscribe to
 * what is decided when they subscribe (and, over HTTP, again when a notification is sent).
 */
public final class ResourceFollower implements AutoCloseable {
    /** How often the feed is read when it had nothing new. */
    static final Duration POLL = Duration.ofMillis(300);
    private static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(ResourceFollower.class.getName());

    private final Thread thread;
    private volatile boolean closed;

    private ResourceFollower(McpSyncServer server, ChangeFeed feed, long start, Predicate<String> mayTell) {
        this.thread = new Thread(() -> run(server, feed, start, mayTell), "regent-mcp-resource-follower");
        thread.setDaemon(true);
    }

    /**
     * Starts following {@code feed} for {@code server}, from now on, telling of the models {@code mayTell} allows (every
     * one when the transport checks per session).
     */
    public static ResourceFollower start(McpSyncServer server, ChangeFeed feed, Predicate<String> mayTell) {
        return start(server, feed, feed.head(), mayTell);
    }

    /** Starts following {@code feed} for {@code server} after {@code from} (the feed's head read before clients came). */
    public static ResourceFollower start(McpSyncServer server, ChangeFeed feed, long from, Predicate<String> mayTell) {
        ResourceFollower follower = new ResourceFollower(server, feed, from, mayTell);
        follower.thread.start();
        return follower;
    }

    private void run(McpSyncServer server, ChangeFeed feed, long start, Predicate<String> mayTell) {
        long cursor = start;
        while (!closed) {
            try {
                long before = cursor;
                ChangeFeed.Page page = feed.after(cursor, PAGE);
                List<ResourceChange> changes = page.changes();
                for (ResourceChange change : changes) {
                    cursor = change.seq();
                    if (change.model().isEmpty() || !mayTell.test(change.model())) {
                        continue;
                    }
                    for (String uri : uris(change)) {
                        server.notifyResourcesUpdated(new ResourcesUpdatedNotification(uri));
                    }
                }
                cursor = Math.max(cursor, page.next());
                // more may be waiting after a full page, or after a stretch of events this reader may not see
                boolean more = changes.size() == PAGE || (changes.isEmpty() && cursor > before);
                if (!more) {
                    Thread.sleep(POLL.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a store that is briefly unavailable: try again at the next poll, from the same cursor
                LOG.log(Level.FINE, "resource follower: cannot read the change feed", e);
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** The resources one change changed: the model's, and the version's and its card's when it names a version. */
    static Set<String> uris(ResourceChange change) {
        Set<String> uris = new LinkedHashSet<>();
        if (change.model().isEmpty()) {
            return uris;
        }
        uris.add(Resources.modelUri(change.model()));
        if (change.version() != null) {
            uris.add(Resources.versionUri(change.model(), change.version()));
            uris.add(Resources.cardUri(change.model(), change.version()));
        }
        return uris;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
