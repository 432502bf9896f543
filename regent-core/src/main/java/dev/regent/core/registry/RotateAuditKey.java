package dev.regent.core.registry;

import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.KeyChain;
import dev.regent.core.audit.checkpoint.KeyTransition;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.tiles.StoredTree;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.audit.tree.StoredKeyTransition;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Records a hand-over of the audit signing key (a {@link KeyTransition} note) with its audit entry, in one transaction.
 * Admins only. The hand-over must continue the recorded chain of keys from its current key, and seal the tree the
 * store holds: signed by the old key, it covers the whole log (nothing appended is left to a key that did not see it);
 * signed by the new key alone (the old key is lost), it starts where the old key's last stored checkpoint ends.
 */
final class RotateAuditKey extends Mutation {
    private final Principal actor;
    private final String note;
    private final KeyTransition transition;
    private final boolean endorsed;
    private final String reason;

    RotateAuditKey(Principal actor, String note, KeyTransition transition, String reason) {
        this.actor = actor;
        this.note = note;
        this.transition = transition;
        this.endorsed = transition.endorsedIn(note);
        this.reason = reason;
    }

    @Override
    ModelName model() {
        return null;
    }

    @Override
    Principal actor() {
        return actor;
    }

    @Override
    Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        List<Finding> checks = new ArrayList<>();
        checks.add(reason.isBlank() ? Finding.fail("reason given", "a rotation names why (--reason)")
                : Finding.pass("reason given", reason));
        List<String> notes = tx.keyTransitions().stream().map(StoredKeyTransition::note).toList();
        long head = tx.auditHead();
        Optional<StoredCheckpoint> latest = tx.latestCheckpoint();
        try {
            KeyChain chain = KeyChain.of(transition.from(), notes);
            checks.add(chain.current().equals(transition.from())
                    ? Finding.pass("old key is the current key", transition.from() + " (" + chain.epochs().size()
                            + " key(s) in the chain so far)")
                    : Finding.fail("old key is the current key", transition.from().keyIdHex() + " already handed over to "
                            + chain.current().keyIdHex()));
            // a key that signed nothing of this log cannot hand it over (a forged "old" key)
            latest.ifPresent(c -> checks.add(signedLatest(chain, c)));
        } catch (InvalidNote e) {
            checks.add(Finding.fail("old key is the current key", "the recorded chain of keys does not verify from "
                    + transition.from().keyIdHex() + ": " + e.getMessage()));
        }
        if (endorsed) {
            checks.add(transition.size() == head ? Finding.pass("hand-over covers the whole log", head + " entries")
                    : Finding.fail("hand-over covers the whole log", "it covers " + transition.size() + " entries, the log holds "
                            + head));
        } else {
            long last = latest.map(StoredCheckpoint::size).orElse(0L);
            checks.add(latest.isPresent() && transition.size() == last
                    ? Finding.pass("hand-over at the old key's last checkpoint", "size " + last
                            + " (the old key did not sign it: lost)")
                    : Finding.fail("hand-over at the old key's last checkpoint", "it is at size " + transition.size()
                            + ", the last stored checkpoint at " + (latest.isPresent() ? last : "none")));
        }
        if (transition.size() <= head) {
            Hash root = new StoredTree(tx, transition.size()).root();
            checks.add(root.equals(transition.root()) ? Finding.pass("root is the stored tree's", root.hex())
                    : Finding.fail("root is the stored tree's", "the transition states " + transition.root().hex()
                            + ", the stored tree gives " + root.hex()));
        }
        latest.filter(c -> c.size() > transition.size()).ifPresent(c -> checks.add(Finding.fail(
                "no checkpoint past the hand-over", "a checkpoint of size " + c.size() + " is already signed")));
        return new Plan("audit rotate-key", List.of(
                "Record the hand-over of the audit signing key " + transition.from().keyIdHex() + " to "
                        + transition.to().keyIdHex() + " at tree size " + transition.size() + " (root "
                        + transition.root().hex() + "), signed by " + (endorsed ? "both keys" : "the new key alone (old key lost)")
                        + ".",
                "Record an audit.key.rotate audit entry holding the transition note.",
                "From then on, only the new key signs checkpoints; the old key's checkpoints up to size "
                        + transition.size() + " stay valid."), checks);
    }

    private static Finding signedLatest(KeyChain chain, StoredCheckpoint latest) {
        try {
            chain.open(latest.note());
            return Finding.pass("old key signed the latest checkpoint", "size " + latest.size());
        } catch (InvalidNote e) {
            return Finding.fail("old key signed the latest checkpoint", "size " + latest.size() + ": " + e.getMessage());
        }
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.insertKeyTransition(StoredKeyTransition.of(transition, note, now));
        TreeMap<String, String> before = new TreeMap<>();
        before.put("key", transition.from().toString());
        before.put("key_id", transition.from().keyIdHex());
        TreeMap<String, String> after = new TreeMap<>();
        after.put("key", transition.to().toString());
        after.put("key_id", transition.to().keyIdHex());
        after.put("size", Long.toString(transition.size()));
        after.put("root", transition.root().hex());
        after.put("old_key_signed", endorsed ? "yes" : "no (lost)");
        after.put("transition", note);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.AUDIT_KEY_ROTATE, AuditTarget.auditKey(transition.origin()),
                AuditOutcome.APPLIED, reason, before, after);
        return new Applied(List.of(new Change("audit key", transition.origin(), transition.from().keyIdHex() + " -> "
                + transition.to().keyIdHex() + " at size " + transition.size())), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        List<String> notes = tx.keyTransitions().stream().map(StoredKeyTransition::note).toList();
        boolean current;
        try {
            current = KeyChain.of(transition.to(), notes).current().equals(transition.to());
        } catch (InvalidNote e) {
            current = false;
        }
        return List.of(Expect.that("new key is the current key", current, transition.to().toString()));
    }

    @Override
    Rollback rollback() {
        return Rollback.nothing("A rotation is not undone: the old key is retired for good (a checkpoint it signs past size "
                + transition.size() + " is refused). To move on, rotate again to a newer key.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.AUDIT_KEY_ROTATE, AuditTarget.auditKey(transition.origin()), reason, why);
    }

    @Override
    String appliedSummary() {
        return "The audit signing key " + transition.from().keyIdHex() + " handed over to " + transition.to().keyIdHex()
                + " at size " + transition.size() + ".";
    }

    @Override
    String plannedSummary() {
        return "the audit signing key " + transition.from().keyIdHex() + " would hand over to " + transition.to().keyIdHex()
                + " at size " + transition.size() + ".";
    }
}
