package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static dev.regent.store.registry.TestRegistries.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.KeyTransition;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.AuditVerifier;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.audit.tree.StoredKeyTransition;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Tags;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rotating the audit signing key, on a real store: the hand-over is recorded with its audit entry, and signing, the
 * start-up check and full verification treat the old key's checkpoints up to the hand-over and the new key's after it
 * as one log — while a forged key, a hand-over the old key did not sign, one for an earlier size, and the old key
 * signing after it are refused. Each test gets a fresh database: a rotation changes the whole log.
 */
abstract class KeyRotationContractTest {
    private static final String ORIGIN = "regent.test/audit";
    private final Random seeds = new Random(42);
    private final AtomicInteger names = new AtomicInteger();

    protected abstract TestDatabase createDatabase();

    private SigningKey newKey() {
        byte[] seed = new byte[32];
        seeds.nextBytes(seed);
        return SigningKey.fromSeed(ORIGIN, seed);
    }

    private void write(Registry registry, int entries) {
        for (int i = 0; i < entries; i++) {
            OperationReport r = registry.createModel(BOB, ModelName.of("rot-" + names.incrementAndGet()), Description.of(""),
                    Tags.of(Map.of()), false);
            assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        }
    }

    private interface Scenario {
        void run(RegistryStore store, Registry registry, AuditTree tree) throws Exception;
    }

    private void withFreshLog(Scenario scenario) throws Exception {
        try (TestDatabase db = createDatabase(); RegistryStore store = db.openStore()) {
            Registry registry = TestRegistries.open(store, Clock.systemUTC(), SourceRules.noLocalFiles());
            scenario.run(store, registry, new AuditTree(store, Clock.systemUTC()));
        }
    }

    private static KeyTransition handOver(AuditTree tree, StoredCheckpoint sealed, SigningKey from, SigningKey to) {
        return new KeyTransition(ORIGIN, sealed.size(), sealed.root(), from.verifier(), to.verifier());
    }

    @Test
    void aRotationIsAuditedAndTheOldAndNewKeysCheckpointsVerifyAsOneLog() throws Exception {
        withFreshLog((store, registry, tree) -> {
            SigningKey old = newKey();
            SigningKey next = newKey();
            write(registry, 3);
            StoredCheckpoint sealed = tree.checkpoint(old);
            String note = handOver(tree, sealed, old, next).sign(old, next);

            OperationReport dry = registry.rotateAuditKey(ALICE, note, "yearly rotation", true);
            assertThat(dry.outcome()).isEqualTo(Outcome.PLANNED);
            assertThat(transitions(store)).isEmpty();

            OperationReport report = registry.rotateAuditKey(ALICE, note, "yearly rotation", false);
            assertThat(report.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(report.verified()).isTrue();
            AuditEntry entry = dev.regent.core.audit.AuditDecoding.decode(
                    store.read(tx -> tx.auditBytes(sealed.size(), 1)).get(0).bytes()).entry();
            assertThat(entry.seq()).isEqualTo(sealed.size() + 1);
            assertThat(entry.action()).isEqualTo(AuditAction.AUDIT_KEY_ROTATE);
            assertThat(entry.actor()).isEqualTo(ALICE);
            assertThat(entry.reason()).isEqualTo("yearly rotation");
            assertThat(entry.before()).containsEntry("key_id", old.verifier().keyIdHex());
            assertThat(entry.after()).containsEntry("key_id", next.verifier().keyIdHex())
                    .containsEntry("size", Long.toString(sealed.size())).containsEntry("transition", note)
                    .containsEntry("old_key_signed", "yes");

            write(registry, 2);
            StoredCheckpoint first = tree.checkpoint(next);
            assertThat(first.size()).isEqualTo(sealed.size() + 3);
            assertThat(SignedCheckpoints.open(first.note(), next.verifier()).size()).isEqualTo(first.size());
            assertThat(tree.checkStoredTree(next.verifier())).isEmpty();

            // whoever trusts the old key follows the chain forwards, whoever trusts the new one backwards
            for (SigningKey anchor : List.of(old, next)) {
                VerificationReport v = new AuditVerifier(store).verify(Map.of(), anchor.verifier());
                assertThat(v.findings()).as("verified from " + anchor).isEmpty();
                assertThat(v.checkpointsChecked()).isEqualTo(3); // the old key's, the transition, the new key's
            }

            // the old key is retired: it signs nothing more, and a server started with it is an incident
            assertThatThrownBy(() -> tree.checkpoint(old)).isInstanceOf(RegentException.class)
                    .hasMessageContaining("was retired at size " + sealed.size());
            assertThat(tree.checkStoredTree(old.verifier())).hasValueSatisfying(w -> assertThat(w).contains("retired"));
            // only admins rotate
            assertThatThrownBy(() -> registry.rotateAuditKey(BOB, note, "not an admin", false))
                    .isInstanceOf(RegentException.class).hasMessageContaining("needs the admin role");
            // and the old key cannot hand over a second time
            SigningKey third = newKey();
            assertThat(registry.rotateAuditKey(ALICE, handOver(tree, first, old, third).sign(old, third), "again", false)
                    .outcome()).isEqualTo(Outcome.REFUSED);
        });
    }

    @Test
    void theOldKeySigningAfterTheHandOverIsRefusedEverywhere() throws Exception {
        withFreshLog((store, registry, tree) -> {
            SigningKey old = newKey();
            SigningKey next = newKey();
            StoredCheckpoint sealed = tree.checkpoint(old);
            registry.rotateAuditKey(ALICE, handOver(tree, sealed, old, next).sign(old, next), "scheduled", false);
            write(registry, 1);
            // a thief of the old key (or a rollback to it) signs the grown log and slips the note into the store
            long size = tree.size();
            dev.regent.core.audit.merkle.Hash root = tree.root(size);
            String rollback = SignedCheckpoints.sign(Checkpoint.of(ORIGIN, size, root), old);
            store.inTransaction(tx -> {
                tx.insertCheckpoint(new StoredCheckpoint(size, root, rollback, Instant.now()));
                return null;
            });
            assertThat(tree.checkStoredTree(next.verifier())).hasValueSatisfying(w -> assertThat(w)
                    .contains("signed by key " + old.verifier().keyIdHex()).contains("retired"));
            assertThatThrownBy(() -> tree.checkpoint(next)).isInstanceOf(RegentException.class);
            for (SigningKey anchor : List.of(old, next)) {
                VerificationReport v = new AuditVerifier(store).verify(Map.of(), anchor.verifier());
                assertThat(v.ok()).isFalse();
                assertThat(v.findings()).anyMatch(f -> f.contains("stored checkpoint of size " + size) && f.contains("retired"));
            }
        });
    }

    @Test
    void handOversThatDoNotContinueTheChainOrSealTheLogAreRefused() throws Exception {
        withFreshLog((store, registry, tree) -> {
            SigningKey old = newKey();
            SigningKey next = newKey();
            write(registry, 2);
            StoredCheckpoint early = tree.checkpoint(old);
            write(registry, 2);
            StoredCheckpoint sealed = tree.checkpoint(old);

            // a forged "old" key, which signed nothing of this log
            SigningKey forged = newKey();
            assertRefused(registry, handOver(tree, sealed, forged, next).sign(forged, next), "old key signed the latest checkpoint");
            // a hand-over signed after the fact for an earlier size: entries after it would escape the old key
            assertRefused(registry, handOver(tree, early, old, next).sign(old, next), "hand-over covers the whole log");
            // a root that is not the stored tree's
            KeyTransition wrongRoot = new KeyTransition(ORIGIN, sealed.size(), early.root(), old.verifier(), next.verifier());
            assertRefused(registry, wrongRoot.sign(old, next), "root is the stored tree's");
            // a note whose text was changed after signing does not even open
            String tampered = handOver(tree, sealed, old, next).sign(old, next)
                    .replaceFirst("\n" + sealed.size() + "\n", "\n" + early.size() + "\n");
            assertThatThrownBy(() -> registry.rotateAuditKey(ALICE, tampered, "tampered", false))
                    .isInstanceOf(RegentException.class).extracting(e -> ((RegentException) e).code())
                    .isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(transitions(store)).isEmpty();
            assertThat(tree.checkStoredTree(old.verifier())).isEmpty();
        });
    }

    @Test
    void aHandOverTheOldKeyDidNotSignIsAcceptedOnlyByWhoeverTrustsTheNewKey() throws Exception {
        withFreshLog((store, registry, tree) -> {
            SigningKey old = newKey();
            SigningKey next = newKey();
            StoredCheckpoint sealed = tree.checkpoint(old);
            write(registry, 2); // entries the lost key never signed
            OperationReport report = registry.rotateAuditKey(ALICE,
                    handOver(tree, sealed, old, next).signWithoutOldKey(next), "key lost with its disk", false);
            assertThat(report.outcome()).isEqualTo(Outcome.APPLIED);
            StoredCheckpoint first = tree.checkpoint(next);
            assertThat(first.size()).isEqualTo(sealed.size() + 3);

            assertThat(new AuditVerifier(store).verify(Map.of(), next.verifier()).findings()).isEmpty();
            VerificationReport fromOld = new AuditVerifier(store).verify(Map.of(), old.verifier());
            assertThat(fromOld.findings()).anyMatch(f -> f.contains("is not signed by key " + old.verifier())
                    && f.contains("out of band"));
        });
    }

    @Test
    void aTransitionSlippedIntoTheStoreWithoutTheOldKeysSignatureIsAnIncident() throws Exception {
        withFreshLog((store, registry, tree) -> {
            SigningKey old = newKey();
            SigningKey attacker = newKey();
            StoredCheckpoint sealed = tree.checkpoint(old);
            KeyTransition t = handOver(tree, sealed, old, attacker);
            store.inTransaction(tx -> {
                tx.insertKeyTransition(StoredKeyTransition.of(t, t.signWithoutOldKey(attacker), Instant.now()));
                return null;
            });
            assertThat(tree.checkStoredTree(old.verifier())).hasValueSatisfying(w -> assertThat(w)
                    .contains("chain of audit signing keys does not verify").contains("is not signed by key"));
            assertThatThrownBy(() -> tree.checkpoint(old)).isInstanceOf(RegentException.class);
            assertThat(new AuditVerifier(store).verify(Map.of(), old.verifier()).ok()).isFalse();
        });
    }

    @Test
    void keyTransitionsAreKeptOnceAndRefuseUpdatesAndDeletes() throws Exception {
        try (TestDatabase db = createDatabase(); RegistryStore store = db.openStore()) {
            Registry registry = TestRegistries.open(store, Clock.systemUTC(), SourceRules.noLocalFiles());
            AuditTree tree = new AuditTree(store, Clock.systemUTC());
            SigningKey old = newKey();
            SigningKey next = newKey();
            StoredCheckpoint sealed = tree.checkpoint(old);
            registry.rotateAuditKey(ALICE, handOver(tree, sealed, old, next).sign(old, next), "scheduled", false);
            KeyTransition twice = handOver(tree, sealed, old, newKey());
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.insertKeyTransition(StoredKeyTransition.of(twice, "x\n", Instant.now()));
                return null;
            })).isInstanceOf(dev.regent.core.store.StoreConflict.class);
            try (Connection c = db.connect()) {
                for (String sql : List.of("UPDATE key_transitions SET note = 'forged'", "DELETE FROM key_transitions")) {
                    assertThatThrownBy(() -> {
                        try (Statement s = c.createStatement()) {
                            s.executeUpdate(sql);
                        }
                    }).as(sql).hasMessageContaining("append-only");
                }
            }
            assertThat(transitions(store)).hasSize(1);
        }
    }

    private static List<StoredKeyTransition> transitions(RegistryStore store) {
        return store.read(tx -> tx.keyTransitions());
    }

    private static void assertRefused(Registry registry, String note, String failedCheck) {
        OperationReport r = registry.rotateAuditKey(ALICE, note, "attempt", false);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.plan().preconditions()).anyMatch(f -> f.check().equals(failedCheck) && !f.passed());
    }
}
