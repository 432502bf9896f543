package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditDecoding;
import dev.regent.core.audit.StoredEntryBytes;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.audit.tree.CachedLeaf;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.model.Principal;
import dev.regent.core.store.StoreConflict;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The audit tree's store contract: leaf hashes cached with each entry, checkpoints kept, both append-only. */
abstract class AuditTreeContractTest extends StoreFixture {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private AuditEntry draft(String reason) {
        TreeMap<String, String> after = new TreeMap<>();
        after.put("stage", "Production");
        return AuditEntry.draft(T0, Principal.of("alice"), AuditAction.MODEL_UPDATE, uniqueModel("m").value(),
                AuditOutcome.APPLIED, reason, null, after).withEvidence(List.of("ev-1"));
    }

    @Test
    void eachAppendedEntryCachesItsLeafHashInTheSameTransaction() {
        List<AuditEntry> written = store().inTransaction(tx -> List.of(tx.appendAudit(draft("one")), tx.appendAudit(draft("two"))));
        long first = written.get(0).seq();
        List<CachedLeaf> leaves = store().read(tx -> tx.auditLeaves(first - 1, 2));
        List<StoredEntryBytes> bytes = store().read(tx -> tx.auditBytes(first - 1, 2));
        assertThat(leaves).containsExactly(
                new CachedLeaf(first, TreeHasher.leaf(bytes.get(0).bytes())),
                new CachedLeaf(first + 1, TreeHasher.leaf(bytes.get(1).bytes())));
        assertThat(AuditDecoding.decode(bytes.get(0).bytes()).entry()).isEqualTo(written.get(0));
        assertThat(AuditDecoding.decode(bytes.get(1).bytes()).entry()).isEqualTo(written.get(1));
        long head = store().read(tx -> tx.auditHead());
        assertThat(head).isGreaterThanOrEqualTo(first + 1);
    }

    @Test
    void theTreeIsStoredAsItGrowsInTilesOf256() {
        store().inTransaction(tx -> {
            for (int i = 0; i < 520; i++) {
                tx.appendAudit(draft("bulk " + i));
            }
            return null;
        });
        long head = store().read(tx -> tx.auditHead());
        long fullTiles = head / 256;
        List<dev.regent.core.audit.merkle.Hash> level1 = store().read(tx -> tx.tileHashes(1, 0, fullTiles + 1));
        assertThat(level1).hasSize((int) fullTiles);
        for (int t = 0; t < fullTiles; t++) {
            long from = t * 256L;
            List<dev.regent.core.audit.merkle.Hash> tile = store().read(tx -> tx.tileHashes(0, from, from + 256));
            dev.regent.core.audit.merkle.RootAccumulator acc = new dev.regent.core.audit.merkle.RootAccumulator();
            tile.forEach(acc::add);
            assertThat(level1.get(t)).as("tile " + t).isEqualTo(acc.root());
        }
        dev.regent.core.audit.merkle.MemoryLeaves all = new dev.regent.core.audit.merkle.MemoryLeaves();
        store().read(tx -> tx.tileHashes(0, 0, head)).forEach(all::add);
        dev.regent.core.audit.merkle.Hash stored = store().read(tx -> new dev.regent.core.audit.tiles.StoredTree(tx, head).root());
        assertThat(stored).isEqualTo(new dev.regent.core.audit.merkle.ProofBuilder(all).root(head));
    }

    @Test
    void aReadServesTheRangesOfATileFromOneReadOfItAsTheRangesThemselvesWouldBe() {
        // read-only transactions read each tile whole once and serve the ranges asked of it (a proof asks for many);
        // write transactions read each range: both must give the same hashes, the right edge's partial tiles too
        store().inTransaction(tx -> {
            for (int i = 0; i < 300; i++) {
                tx.appendAudit(draft("tile " + i));
            }
            return null;
        });
        long head = store().read(tx -> tx.auditHead());
        for (int level = 0; level <= 1; level++) {
            int lvl = level;
            long width = level == 0 ? head : head / 256;
            for (int size = 1; size <= 128; size *= 2) {
                for (long from = 0; from + size <= ((width + 255) / 256) * 256; from += size) {
                    long f = from;
                    long t = from + size;
                    List<Hash> cached = store().read(tx -> {
                        tx.tileHashes(lvl, f - f % 256, f - f % 256 + 1); // the tile is now read whole
                        return tx.tileHashes(lvl, f, t);
                    });
                    List<Hash> ranged = store().inTransaction(tx -> tx.tileHashes(lvl, f, t));
                    assertThat(cached).as("level " + lvl + " " + f + ".." + t).isEqualTo(ranged)
                            .hasSize((int) Math.max(0, Math.min(t, width) - f));
                }
            }
        }
    }

    @Test
    void aRolledBackAppendLeavesNoLeaf() {
        long head = store().read(tx -> tx.auditHead());
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.appendAudit(draft("doomed"));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        List<CachedLeaf> leaves = store().read(tx -> tx.auditLeaves(head, 10));
        long headAfter = store().read(tx -> tx.auditHead());
        assertThat(leaves).isEmpty();
        assertThat(headAfter).isEqualTo(head);
    }

    @Test
    void checkpointsAreKeptOncePerSizeAndReadInOrder() {
        Hash root = TreeHasher.leaf(new byte[] {1});
        StoredCheckpoint small = new StoredCheckpoint(9_000_001, root, "note a\n", T0);
        StoredCheckpoint large = new StoredCheckpoint(9_000_002, TreeHasher.EMPTY_ROOT, "note b\n", T0.plusSeconds(1));
        store().inTransaction(tx -> {
            tx.insertCheckpoint(large);
            tx.insertCheckpoint(small);
            return null;
        });
        java.util.Optional<StoredCheckpoint> latest = store().read(tx -> tx.latestCheckpoint());
        List<StoredCheckpoint> all = store().read(tx -> tx.checkpoints());
        assertThat(latest).contains(large);
        assertThat(all).containsSubsequence(small, large);
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.insertCheckpoint(new StoredCheckpoint(9_000_001, TreeHasher.EMPTY_ROOT, "other\n", T0));
            return null;
        })).isInstanceOf(StoreConflict.class);
    }

    @Test
    void leavesAndCheckpointsRefuseUpdatesAndDeletes() throws SQLException {
        store().inTransaction(tx -> tx.appendAudit(draft("kept")));
        store().inTransaction(tx -> {
            tx.insertCheckpoint(new StoredCheckpoint(2_000_000, TreeHasher.EMPTY_ROOT, "n\n", T0));
            return null;
        });
        try (Connection c = database().connect()) {
            for (String statement : List.of("UPDATE audit_leaves SET seq = seq", "DELETE FROM audit_leaves",
                    "UPDATE checkpoints SET note = 'forged'", "DELETE FROM checkpoints")) {
                assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate(statement);
                    }
                }).as(statement).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
        }
    }
}
