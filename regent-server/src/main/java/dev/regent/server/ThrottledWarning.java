package dev.regent.server;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * A warning that a retry loop would repeat every second while its cause lasts (a full disk under the checkpoint
 * signer): the first is logged at once, the rest at most once per interval with how many were held back, and the
 * line that says it is over when it succeeds again. The log must stay readable — and must not help fill the disk.
 */
final class ThrottledWarning {
    private final Logger log;
    private final long intervalNanos;
    private long lastLogged;
    private long heldBack;
    private boolean failing;

    ThrottledWarning(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    synchronized void warn(String message) {
        long now = System.nanoTime();
        if (failing && now - lastLogged < intervalNanos) {
            heldBack++;
            return;
        }
        log.warn(heldBack == 0 ? message : message + " (the same failure " + heldBack + " more time(s) since the last report)");
        failing = true;
        lastLogged = now;
        heldBack = 0;
    }

    /** The operation succeeded: say so once if it had been failing, and log the next failure at once. */
    synchronized void recovered(String what) {
        if (failing) {
            log.info("{} again{}", what, heldBack == 0 ? "" : " (after " + heldBack + " more failure(s) not logged)");
        }
        failing = false;
        heldBack = 0;
    }
}
