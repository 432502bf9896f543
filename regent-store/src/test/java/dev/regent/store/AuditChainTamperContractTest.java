package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditIncident;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.audit.tree.RecomputedLog;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.store.RegistryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Someone with database access edits the columns a read filters on, so that an entry would drop out of a read by
 * model, actor or action. Every such edit must be caught: by verification (the columns disagree with the bytes) and
 * by the read itself, which returns the entry anyway (actor, action: it filters on the bytes) or fails as an
 * audit incident (model: the hash chain names an entry the column no longer files there), never a page without it.
 * Each test tampers with a database of its own.
 */
abstract class AuditChainTamperContractTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ModelName FRAUD = ModelName.of("fraud");
    private static final ModelName CHURN = ModelName.of("churn");

    private TestDatabase database;
    private RegistryStore store;
    private List<AuditEntry> written;

    protected abstract TestDatabase createDatabase();

    @BeforeEach
    void aLogOfTwoModels() {
        database = createDatabase();
        store = database.openStore();
        written = store.inTransaction(tx -> List.of(
                tx.appendAudit(entry("alice", AuditAction.MODEL_CREATE, "fraud")),
                tx.appendAudit(entry("bob", AuditAction.MODEL_CREATE, "churn")),
                tx.appendAudit(entry("bob", AuditAction.MODEL_UPDATE, "fraud")),
                tx.appendAudit(entry("alice", AuditAction.ALIAS_SET, "fraud@champion")),
                tx.appendAudit(entry("carol", AuditAction.MODEL_UPDATE, "churn")),
                tx.appendAudit(entry("alice", AuditAction.VERSION_REGISTER, "fraud/1"))));
        assertThat(store.read(RecomputedLog::of).findings()).isEmpty();
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void anUntouchedLogReadsByModelInBothDirectionsAndPages() {
        List<AuditEntry> fraud = List.of(written.get(0), written.get(2), written.get(3), written.get(5));
        assertThat(read(new AuditQuery(FRAUD, 0, 100))).isEqualTo(fraud);
        assertThat(read(new AuditQuery(FRAUD, 0, 2))).isEqualTo(fraud.subList(0, 2));
        assertThat(read(new AuditQuery(FRAUD, written.get(2).seq(), 2))).isEqualTo(fraud.subList(2, 4));
        assertThat(read(AuditQuery.newestFirst(FRAUD, null, null, Long.MAX_VALUE, 3)))
                .containsExactly(fraud.get(3), fraud.get(2), fraud.get(1));
        assertThat(read(AuditQuery.newestFirst(FRAUD, null, null, written.get(2).seq(), 3))).containsExactly(fraud.get(0));
        assertThat(read(AuditQuery.newestFirst(FRAUD, Principal.of("alice"), null, Long.MAX_VALUE, 10)))
                .containsExactly(fraud.get(3), fraud.get(2), fraud.get(0));
        assertThat(read(new AuditQuery(CHURN, null, AuditAction.MODEL_UPDATE, 0, 10))).containsExactly(written.get(4));
    }

    @Test
    void anEntryMovedToAnotherModelByItsColumnFailsTheReadOfBothModels() throws Exception {
        tamper("UPDATE audit_log SET model = 'churn' WHERE seq = " + written.get(2).seq());
        assertIncident(new AuditQuery(FRAUD, 0, 100));
        assertIncident(AuditQuery.newestFirst(FRAUD, null, null, Long.MAX_VALUE, 100));
        assertIncident(new AuditQuery(CHURN, 0, 100));
        assertVerifyNames(written.get(2).seq(), "model");
    }

    @Test
    void theNewestEntryOfAModelCannotBeHiddenEither() throws Exception {
        tamper("UPDATE audit_log SET model = 'churn' WHERE seq = " + written.get(5).seq());
        assertIncident(AuditQuery.newestFirst(FRAUD, null, null, Long.MAX_VALUE, 100));
        assertIncident(new AuditQuery(FRAUD, 0, 100));
        assertVerifyNames(written.get(5).seq(), "model");
    }

    @Test
    void editedActorActionOrTimeColumnsNeitherHideTheEntryNorPassVerification() throws Exception {
        long seq = written.get(3).seq();
        tamper("UPDATE audit_log SET actor = 'mallory', action = 'model.delete', at = 1 WHERE seq = " + seq);
        assertThat(read(AuditQuery.newestFirst(null, Principal.of("alice"), null, Long.MAX_VALUE, 100)))
                .as("the actor filter reads the bytes").contains(written.get(3));
        assertThat(read(new AuditQuery(null, null, AuditAction.ALIAS_SET, 0, 100))).containsExactly(written.get(3));
        assertThat(read(new AuditQuery(null, Principal.of("mallory"), null, 0, 100))).isEmpty();
        assertThat(read(new AuditQuery(FRAUD, Principal.of("alice"), null, 0, 100))).contains(written.get(3));
        assertVerifyNames(seq, "at, actor, action");
    }

    @Test
    void removedBytesOrARemovedEntryFailTheRead() throws Exception {
        tamper("DELETE FROM audit_entries WHERE seq = " + written.get(3).seq());
        assertIncident(new AuditQuery(FRAUD, 0, 100));
        assertIncident(AuditQuery.all(100));
        assertThat(store.read(RecomputedLog::of).findings()).anyMatch(f -> f.contains("has no bytes"));
    }

    @Test
    void aWhollyRewrittenEntryStillBreaksTheHashChainOfItsModel() throws Exception {
        // bytes, columns and cached leaf all rewritten consistently, moving the entry to the other model: the next fraud
        // entry still names the original by its hash
        AuditEntry original = written.get(2);
        AuditEntry forged = new AuditEntry(original.seq(), original.at(), original.actor(), original.action(), "churn",
                original.outcome(), original.reason(), original.before(), original.after(), original.evidence());
        byte[] bytes = AuditEncoding.encode(forged, null);
        try (Connection c = database.connect()) {
            tamper("UPDATE audit_log SET target = 'churn', model = 'churn' WHERE seq = " + original.seq());
            try (PreparedStatement p = c.prepareStatement("UPDATE audit_entries SET entry = ? WHERE seq = ?");
                 PreparedStatement l = c.prepareStatement("UPDATE audit_leaves SET hash = ? WHERE seq = ?")) {
                p.setBytes(1, bytes);
                p.setLong(2, original.seq());
                p.executeUpdate();
                l.setBytes(1, TreeHasher.leaf(bytes).bytes());
                l.setLong(2, original.seq());
                l.executeUpdate();
            }
        }
        assertIncident(new AuditQuery(FRAUD, 0, 100));
        assertIncident(AuditQuery.newestFirst(FRAUD, null, null, Long.MAX_VALUE, 100));
        RecomputedLog log = store.read(RecomputedLog::of);
        assertThat(log.findings()).anyMatch(f -> f.contains("breaks model 'fraud''s hash chain"));
    }

    @Test
    void editsFarIntoALongLogAreNamedWhereverTheyFallAmongTheBatchesVerificationHandsOn() throws Exception {
        // verification reads on one thread and hashes on another, in batches of hundreds of entries: edits in a later
        // batch, a removed entry between batches and a field edit must be named exactly as in a short log
        store.inTransaction(tx -> {
            for (int i = 0; i < 1_500; i++) {
                tx.appendAudit(AuditEntry.draft(T0.plusSeconds(i), Principal.of("user-" + i % 7), AuditAction.MODEL_UPDATE,
                        i % 2 == 0 ? "fraud" : "churn", AuditOutcome.APPLIED, "batch " + i,
                        new java.util.TreeMap<>(java.util.Map.of("description", "was " + i)),
                        new java.util.TreeMap<>(java.util.Map.of("description", "now " + i))));
            }
            return null;
        });
        assertThat(store.read(RecomputedLog::of).findings()).isEmpty();
        tamper("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 700",
                "UPDATE audit_fields SET value = 'now forged' WHERE seq = 1200 AND side = 'after'",
                "DELETE FROM audit_fields WHERE seq = 1030",
                "DELETE FROM audit_evidence WHERE seq = 1030", "DELETE FROM audit_entries WHERE seq = 1030",
                "DELETE FROM audit_leaves WHERE seq = 1030", "DELETE FROM audit_log WHERE seq = 1030");
        RecomputedLog log = store.read(RecomputedLog::of);
        assertThat(log.findings()).anyMatch(f -> f.startsWith("entry 700 differs from its bytes in its derived column(s) reason"))
                .anyMatch(f -> f.startsWith("entry 1200 differs from its bytes in its derived column(s) after"))
                .anyMatch(f -> f.equals("entry 1030 is missing"))
                .anyMatch(f -> f.startsWith("entry 1032 breaks model"));
        assertThat(log.firstDivergent()).isEqualTo(700);
        assertThat(log.leaves().size()).as("one leaf per entry the log still holds").isEqualTo(1_505);
    }

    private void assertIncident(AuditQuery q) {
        assertThatThrownBy(() -> read(q)).as(q.toString()).isInstanceOf(AuditIncident.class)
                .hasMessageStartingWith("audit incident: ");
    }

    private void assertVerifyNames(long seq, String columns) {
        RecomputedLog log = store.read(RecomputedLog::of);
        assertThat(log.findings()).anyMatch(f -> f.startsWith("entry " + seq + " differs from its bytes in its derived column(s) "
                + columns));
        assertThat(log.firstDivergent()).isEqualTo(seq);
    }

    private List<AuditEntry> read(AuditQuery q) {
        return store.read(tx -> tx.auditEntries(q));
    }

    private static AuditEntry entry(String actor, AuditAction action, String target) {
        return AuditEntry.draft(T0, Principal.of(actor), action, target, AuditOutcome.APPLIED, "", null, null);
    }

    /** Runs statements as someone with database access would: with the append-only triggers out of the way. */
    private void tamper(String... statements) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            List<String> tables = List.of("audit_log", "audit_fields", "audit_evidence", "audit_entries", "audit_leaves");
            for (String table : tables) {
                if (postgres) {
                    s.executeUpdate("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                } else {
                    s.executeUpdate("DROP TRIGGER IF EXISTS " + table + "_no_update");
                    s.executeUpdate("DROP TRIGGER IF EXISTS " + table + "_no_delete");
                }
            }
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }
}
