package dev.regent.server;

import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs through the audit signer and says so in the log: each checkpoint at INFO, a refusal (the log does not verify
 * or is not consistent with the last checkpoint) at ERROR as an incident, once. /ready reports the incident too.
 */
final class AuditIncidents {
    private static final Logger LOG = LoggerFactory.getLogger("dev.regent.server.audit");
    /** The schedule retries every tick; a lasting cause (a full disk) is reported once a minute, not every second. */
    private static final ThrottledWarning SIGNING_FAILED = new ThrottledWarning(LOG, java.time.Duration.ofMinutes(1));

    private AuditIncidents() {
    }

    /** One scheduled tick; never throws (the schedule must keep running). */
    static void tick(CheckpointSigner audit) {
        try {
            audit.tick().ifPresent(AuditIncidents::signed);
            SIGNING_FAILED.recovered("audit checkpoints are signed");
        } catch (RegentException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                incident(e);
            } else {
                SIGNING_FAILED.warn("could not sign an audit checkpoint (retried every tick): " + e.getMessage());
            }
        } catch (RuntimeException e) {
            SIGNING_FAILED.warn("could not sign an audit checkpoint (retried every tick): " + e);
        }
    }

    /** The start-up check of the stored tree against the latest checkpoint; a mismatch is logged as the incident. */
    static void checkAtStart(CheckpointSigner audit) {
        audit.checkStoredTree().ifPresent(what -> LOG.error("AUDIT INCIDENT at start: {}; /ready answers 503 and no checkpoint "
                + "is signed until this is investigated and the server restarted", what));
    }

    /** Signing on demand: the checkpoint, or the refusal logged as an incident and thrown. */
    static StoredCheckpoint signNow(CheckpointSigner audit) {
        try {
            return signed(audit.signNow());
        } catch (RegentException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                incident(e);
            }
            throw e;
        }
    }

    private static StoredCheckpoint signed(StoredCheckpoint c) {
        LOG.info("signed audit checkpoint: size {}, root {}", c.size(), c.root().base64());
        return c;
    }

    private static void incident(RegentException e) {
        LOG.error("AUDIT INCIDENT: refusing to sign a checkpoint; no checkpoint will be signed until this is investigated "
                + "and the server restarted; /ready answers 503. {}", e.getMessage());
    }
}
