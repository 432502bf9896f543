package dev.regent.store;

import static dev.regent.store.StoreContractTest.ALICE;
import static dev.regent.store.StoreContractTest.BOB;
import static dev.regent.store.StoreContractTest.T0;
import static dev.regent.store.StoreContractTest.T1;
import static dev.regent.store.StoreContractTest.TRICKY;
import static dev.regent.store.StoreContractTest.digest;
import static dev.regent.store.StoreContractTest.expectConflictWithoutSql;
import static dev.regent.store.StoreContractTest.expectNotFound;
import static dev.regent.store.StoreContractTest.model;
import static dev.regent.store.StoreContractTest.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.approval.Approval;
import dev.regent.core.approval.Decision;
import dev.regent.core.card.CardRevision;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.EvalReport;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.evidence.Revocation;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The governance half of the storage port (principals, cards, evidence, tags, approvals), on every database. */
abstract class GovernanceContractTest extends StoreFixture {
    static final VersionNumber V1 = VersionNumber.of(1);
    static final VersionNumber V2 = VersionNumber.of(2);
    private final AtomicLong ids = new AtomicLong();

    // ---- helpers ----

    /** A live model with versions 1..count. */
    ModelName modelWithVersions(String prefix, int count) {
        ModelName name = uniqueModel(prefix);
        store().inTransaction(tx -> {
            tx.insertModel(model(name));
            for (int i = 0; i < count; i++) {
                tx.insertVersion(version(name, tx.nextVersionNumber(name).value()));
            }
            return null;
        });
        return name;
    }

    /** An evidence id no other test of this class uses (random per run, so reruns on one database don't collide). */
    EvidenceId newEvidenceId() {
        return EvidenceId.parse("ev-" + HexFormat.of().toHexDigits(System.nanoTime()).substring(0, 4)
                + String.format("%016x", ids.incrementAndGet()));
    }

    Principal uniquePrincipal(String prefix) {
        return Principal.of(uniqueModel(prefix).value());
    }

    static Evidence stored(EvidenceId id, ModelName model, VersionNumber version, Instant at) {
        return new Evidence(id, model, version, EvidenceKind.of("bias-report"), digest(id.value()), null, true, "checked",
                ALICE, at, null, null);
    }

    static Evidence evalReport(EvidenceId id, ModelName model, VersionNumber version, Metrics metrics, String dataset,
                               Boolean passed) {
        return new Evidence(id, model, version, EvidenceKind.EVAL_REPORT, digest(id + dataset), null, true, TRICKY, BOB, T0,
                new EvalReport(metrics, dataset, passed), null);
    }

    void write(Runnable work) {
        store().inTransaction(tx -> {
            work.run();
            return null;
        });
    }

    static void expectCode(ErrorCode code, Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(RegentException.class)
                .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(code));
    }

    // ---- principals and grants ----

    @Test
    void principalRoundTripsWithItsGrantsInTheOrderGiven() {
        Principal p = uniquePrincipal("carol");
        PrincipalRecord record = new PrincipalRecord(p, PrincipalKind.AGENT, List.of(Grant.global(Role.VIEWER),
                new Grant(Role.APPROVER, ModelName.of("not-yet-created")), Grant.global(Role.ADMIN)), ALICE, T1);
        long before = store().read(tx -> tx.countPrincipals());
        store().inTransaction(tx -> {
            tx.insertPrincipal(record);
            return null;
        });
        var found1 = store().read(tx -> tx.findPrincipal(p));
        assertThat(found1).contains(record);
        var found2 = store().read(tx -> tx.countPrincipals());
        assertThat(found2).isEqualTo(before + 1);
        var found3 = store().read(tx -> tx.findPrincipal(uniquePrincipal("absent")));
        assertThat(found3).isEmpty();
    }

    @Test
    void listPrincipalsIsInNameOrderWithEachOnesGrants() {
        Principal zed = Principal.of("zz-" + uniqueModel("z").value());
        Principal amy = Principal.of("A-" + uniqueModel("a").value());
        PrincipalRecord z = new PrincipalRecord(zed, PrincipalKind.SERVICE, List.of(Grant.global(Role.CONTRIBUTOR)), ALICE, T0);
        PrincipalRecord a = new PrincipalRecord(amy, PrincipalKind.USER, List.of(), ALICE, T0);
        store().inTransaction(tx -> {
            tx.insertPrincipal(z);
            tx.insertPrincipal(a);
            return null;
        });
        List<PrincipalRecord> all = store().read(tx -> tx.listPrincipals());
        assertThat(all).contains(z, a);
        assertThat(all).extracting(PrincipalRecord::principal).isSortedAccordingTo(Principal::compareTo);
        var found4 = store().read(tx -> tx.countPrincipals());
        assertThat(found4).isEqualTo(all.size());
    }

    @Test
    void aSecondPrincipalOfTheSameNameIsAConflictAndTheFirstStays() {
        Principal p = uniquePrincipal("dup");
        PrincipalRecord first = new PrincipalRecord(p, PrincipalKind.USER, List.of(Grant.global(Role.VIEWER)), ALICE, T0);
        PrincipalRecord second = new PrincipalRecord(p, PrincipalKind.AGENT, List.of(Grant.global(Role.ADMIN)), BOB, T1);
        write(() -> { });
        store().inTransaction(tx -> {
            tx.insertPrincipal(first);
            return null;
        });
        expectConflictWithoutSql(() -> store().inTransaction(tx -> {
            tx.insertPrincipal(second);
            return null;
        }));
        store().inTransaction(tx -> {
            tx.addGrant(p, Grant.global(Role.CONTRIBUTOR));
            return null;
        });
        var found5 = store().read(tx -> tx.findPrincipal(p));
        assertThat(found5.orElseThrow().grants())
                .containsExactly(Grant.global(Role.VIEWER), Grant.global(Role.CONTRIBUTOR));
        assertThat(found5.orElseThrow().kind()).isEqualTo(PrincipalKind.USER);
    }

    @Test
    void grantsAreGlobalOrPerModelAndAddingOneTwiceIsANoOp() throws SQLException {
        Principal p = uniquePrincipal("granted");
        ModelName m = ModelName.of("grant-target");
        store().inTransaction(tx -> {
            tx.insertPrincipal(new PrincipalRecord(p, PrincipalKind.USER, List.of(), ALICE, T0));
            tx.addGrant(p, Grant.global(Role.APPROVER));
            tx.addGrant(p, new Grant(Role.APPROVER, m));
            tx.addGrant(p, Grant.global(Role.APPROVER));
            tx.addGrant(p, new Grant(Role.APPROVER, m));
            tx.addGrant(p, new Grant(Role.VIEWER, ModelName.of("other")));
            return null;
        });
        PrincipalRecord found = store().read(tx -> tx.findPrincipal(p)).orElseThrow();
        assertThat(found.grants()).containsExactly(Grant.global(Role.APPROVER), new Grant(Role.APPROVER, m),
                new Grant(Role.VIEWER, ModelName.of("other")));
        assertThat(found.has(Role.APPROVER, null)).isTrue();
        assertThat(found.has(Role.ADMIN, m)).isFalse();
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.addGrant(uniquePrincipal("nobody"), Grant.global(Role.ADMIN));
            return null;
        }));
        // The database itself refuses a second global grant, however it is written.
        try (Connection c = database().connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO grants (principal, role, model) VALUES ('" + p.name()
                    + "', 'approver', '')")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aModelGrantOutlivesTheModelsDeletionAndRecreation() {
        ModelName m = uniqueModel("regranted");
        Principal p = uniquePrincipal("keeper");
        PrincipalRecord record = new PrincipalRecord(p, PrincipalKind.USER, List.of(new Grant(Role.ADMIN, m)), ALICE, T0);
        write(() -> { });
        store().inTransaction(tx -> {
            tx.insertPrincipal(record);
            tx.insertModel(model(m));
            tx.deleteModel(m, T1);
            tx.insertModel(model(m));
            return null;
        });
        var found6 = store().read(tx -> tx.findPrincipal(p));
        assertThat(found6).contains(record);
    }

    // ---- model cards ----

    @Test
    void cardRevisionsAreNumberedFromOneAndTheNewestIsTheCard() {
        ModelName m = modelWithVersions("card", 2);
        String json = "{\"intended_use\":\"" + TRICKY.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t") + "\"}";
        CardRevision r1 = new CardRevision(m, V1, 1, json, digest(json), ALICE, T0);
        CardRevision r2 = new CardRevision(m, V1, 2, "{}", digest("{}"), BOB, T1);
        CardRevision other = new CardRevision(m, V2, 1, "{\"v\":2}", digest("v2"), BOB, T1);
        var found7 = store().read(tx -> tx.latestCard(m, V1));
        assertThat(found7).isEmpty();
        store().inTransaction(tx -> {
            tx.insertCardRevision(r1);
            tx.insertCardRevision(r2);
            tx.insertCardRevision(other);
            return null;
        });
        var found8 = store().read(tx -> tx.cardRevisions(m, V1));
        assertThat(found8).containsExactly(r1, r2);
        var found9 = store().read(tx -> tx.latestCard(m, V1));
        assertThat(found9).contains(r2);
        var found10 = store().read(tx -> tx.cardRevisions(m, V2));
        assertThat(found10).containsExactly(other);
        var found11 = store().read(tx -> tx.cardRevisions(m, VersionNumber.of(9)));
        assertThat(found11).isEmpty();
        var found12 = store().read(tx -> tx.cardRevisions(uniqueModel("absent"), V1));
        assertThat(found12).isEmpty();
        var found13 = store().read(tx -> tx.latestCard(uniqueModel("absent"), V1));
        assertThat(found13).isEmpty();
    }

    @Test
    void aCardRevisionThatIsNotTheNextOneIsAConflict() {
        ModelName m = modelWithVersions("cardnum", 1);
        write(() -> { });
        store().inTransaction(tx -> {
            tx.insertCardRevision(new CardRevision(m, V1, 1, "{}", digest("1"), ALICE, T0));
            return null;
        });
        DatabaseSnapshot before = snapshot();
        for (int n : new int[] {1, 3}) {
            expectConflictWithoutSql(() -> store().inTransaction(tx -> {
                tx.insertCardRevision(new CardRevision(m, V1, n, "{}", digest("x"), ALICE, T1));
                return null;
            }));
        }
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.insertCardRevision(new CardRevision(m, V2, 1, "{}", digest("x"), ALICE, T1));
            return null;
        }));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.insertCardRevision(new CardRevision(uniqueModel("absent"), V1, 1, "{}", digest("x"), ALICE, T1));
            return null;
        }));
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- evidence ----

    @Test
    void evidenceRoundTripsEveryFieldAndExactMetrics() {
        ModelName m = modelWithVersions("ev", 1);
        TreeMap<String, Double> values = new TreeMap<>();
        values.put("auc", 0.1 + 0.2);
        values.put("negative_zero", -0.0);
        values.put("tiny", Double.MIN_VALUE);
        values.put("huge", Double.MAX_VALUE);
        values.put("f1", 1e-300);
        values.put("ünïcode.metric", 0.9300000000000002);
        Evidence passedNull = evalReport(newEvidenceId(), m, V1, new Metrics(values), "eval-set ☃ " + TRICKY, null);
        Evidence passedTrue = evalReport(newEvidenceId(), m, V1, Metrics.of(Map.of("auc", 0.5)), "d", true);
        Evidence passedFalse = evalReport(newEvidenceId(), m, V1, Metrics.EMPTY, "", false);
        Evidence byUri = new Evidence(newEvidenceId(), m, V1, EvidenceKind.of("validation-report"), digest("uri"),
                "https://example.com/reports/1?x=ü", false, "", ALICE, T1, null, null);
        Evidence both = new Evidence(newEvidenceId(), m, V1, EvidenceKind.of("bias-report"), digest("both"),
                "s3://bucket/report.pdf", true, "stored and linked", ALICE, T1, null, null);
        List<Evidence> all = List.of(passedNull, passedTrue, passedFalse, byUri, both);
        store().inTransaction(tx -> {
            all.forEach(tx::insertEvidence);
            return null;
        });
        for (Evidence e : all) {
            var found14 = store().read(tx -> tx.findEvidence(e.id()));
            assertThat(found14).contains(e);
        }
        Evidence read = store().read(tx -> tx.findEvidence(passedNull.id())).orElseThrow();
        assertThat(Double.doubleToRawLongBits(read.eval().orElseThrow().metrics().values().get("negative_zero")))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        var found15 = store().read(tx -> tx.findEvidence(newEvidenceId()));
        assertThat(found15).isEmpty();
        var found16 = store().read(tx -> tx.evidenceOf(m, V1));
        assertThat(found16).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void evidenceOfAVersionIsOldestFirstThenInInsertionOrder() {
        ModelName m = modelWithVersions("evorder", 2);
        Evidence late = stored(newEvidenceId(), m, V1, T1);
        Evidence early1 = stored(newEvidenceId(), m, V1, T0);
        Evidence early2 = stored(newEvidenceId(), m, V1, T0);
        Evidence otherVersion = stored(newEvidenceId(), m, V2, T0);
        store().inTransaction(tx -> {
            tx.insertEvidence(late);
            tx.insertEvidence(early1);
            tx.insertEvidence(otherVersion);
            tx.insertEvidence(early2);
            return null;
        });
        var found17 = store().read(tx -> tx.evidenceOf(m, V1));
        assertThat(found17).containsExactly(early1, early2, late);
        var found18 = store().read(tx -> tx.evidenceOf(m, V2));
        assertThat(found18).containsExactly(otherVersion);
        var found19 = store().read(tx -> tx.evidenceOf(m, VersionNumber.of(3)));
        assertThat(found19).isEmpty();
        var found20 = store().read(tx -> tx.evidenceOf(uniqueModel("absent"), V1));
        assertThat(found20).isEmpty();
    }

    @Test
    void duplicateEvidenceIsAConflictAndEvidenceOfAMissingVersionNotFound() {
        ModelName m = modelWithVersions("evdup", 1);
        Evidence e = stored(newEvidenceId(), m, V1, T0);
        write(() -> { });
        store().inTransaction(tx -> {
            tx.insertEvidence(e);
            return null;
        });
        expectConflictWithoutSql(() -> store().inTransaction(tx -> {
            tx.insertEvidence(stored(e.id(), m, V1, T1));
            return null;
        }));
        var found21 = store().read(tx -> tx.findEvidence(e.id()));
        assertThat(found21).contains(e);
        DatabaseSnapshot before = snapshot();
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.insertEvidence(stored(newEvidenceId(), m, V2, T0));
            return null;
        }));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.insertEvidence(stored(newEvidenceId(), uniqueModel("absent"), V1, T0));
            return null;
        }));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void revokedEvidenceCarriesItsRevocationAndCannotBeRevokedTwice() {
        ModelName m = modelWithVersions("revoke", 1);
        Evidence e = evalReport(newEvidenceId(), m, V1, Metrics.of(Map.of("auc", 0.91)), "holdout", true);
        Evidence kept = stored(newEvidenceId(), m, V1, T1);
        Revocation revocation = new Revocation(BOB, T1, "wrong dataset: " + TRICKY);
        store().inTransaction(tx -> {
            tx.insertEvidence(e);
            tx.insertEvidence(kept);
            tx.revokeEvidence(e.id(), revocation);
            return null;
        });
        Evidence revoked = e.withRevocation(revocation);
        var found22 = store().read(tx -> tx.findEvidence(e.id()));
        assertThat(found22).contains(revoked);
        var found23 = store().read(tx -> tx.evidenceOf(m, V1));
        assertThat(found23).containsExactly(revoked, kept);
        expectConflictWithoutSql(() -> store().inTransaction(tx -> {
            tx.revokeEvidence(e.id(), new Revocation(ALICE, T1, "again"));
            return null;
        }));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.revokeEvidence(newEvidenceId(), revocation);
            return null;
        }));
        var found24 = store().read(tx -> tx.findEvidence(e.id()));
        assertThat(found24).contains(revoked);
    }

    @Test
    void evidenceIsFoundByIdAfterItsModelIsDeleted() {
        ModelName m = modelWithVersions("evdel", 1);
        Evidence e = stored(newEvidenceId(), m, V1, T0);
        Revocation revocation = new Revocation(ALICE, T1, "superseded");
        store().inTransaction(tx -> {
            tx.insertEvidence(e);
            tx.revokeEvidence(e.id(), revocation);
            tx.deleteModel(m, T1);
            tx.insertModel(model(m));
            tx.insertVersion(version(m, tx.nextVersionNumber(m).value()));
            return null;
        });
        var found25 = store().read(tx -> tx.findEvidence(e.id()));
        assertThat(found25).contains(e.withRevocation(revocation));
        // The re-created model's version 1 is another version: the old evidence is not attached to it.
        var found26 = store().read(tx -> tx.evidenceOf(m, V1));
        assertThat(found26).isEmpty();
    }

    // ---- compliance tags ----

    @Test
    void complianceTagsAreSetReplacedListedByNameAndRemoved() {
        ModelName m = modelWithVersions("tags", 1);
        Evidence first = stored(newEvidenceId(), m, V1, T0);
        Evidence second = stored(newEvidenceId(), m, V1, T1);
        ComplianceTag bias = new ComplianceTag(m, V1, "bias_checked", first.id(), ALICE, T0);
        ComplianceTag legal = new ComplianceTag(m, V1, "legal ☃ ok", first.id(), ALICE, T0);
        ComplianceTag replaced = new ComplianceTag(m, V1, "bias_checked", second.id(), BOB, T1);
        store().inTransaction(tx -> {
            tx.insertEvidence(first);
            tx.insertEvidence(second);
            tx.putComplianceTag(legal);
            tx.putComplianceTag(bias);
            return null;
        });
        var found27 = store().read(tx -> tx.complianceTags(m, V1));
        assertThat(found27).containsExactly(bias, legal);
        store().inTransaction(tx -> {
            tx.putComplianceTag(replaced);
            return null;
        });
        var found28 = store().read(tx -> tx.complianceTags(m, V1));
        assertThat(found28).containsExactly(replaced, legal);
        var found29 = store().inTransaction(tx -> tx.removeComplianceTag(m, V1, "legal ☃ ok"));
        assertThat(found29).isTrue();
        var found30 = store().inTransaction(tx -> tx.removeComplianceTag(m, V1, "legal ☃ ok"));
        assertThat(found30).isFalse();
        var found31 = store().read(tx -> tx.complianceTags(m, V1));
        assertThat(found31).containsExactly(replaced);
        // The evidence behind a replaced or removed tag stays.
        var found32 = store().read(tx -> tx.evidenceOf(m, V1));
        assertThat(found32).containsExactly(first, second);
    }

    @Test
    void aComplianceTagMustCiteExistingEvidenceOfItsOwnVersion() {
        ModelName m = modelWithVersions("tagref", 2);
        Evidence ofV2 = stored(newEvidenceId(), m, V2, T0);
        write(() -> { });
        store().inTransaction(tx -> {
            tx.insertEvidence(ofV2);
            return null;
        });
        DatabaseSnapshot before = snapshot();
        expectCode(ErrorCode.INVALID_ARGUMENT, () -> store().inTransaction(tx -> {
            tx.putComplianceTag(new ComplianceTag(m, V1, "bias_checked", ofV2.id(), ALICE, T0));
            return null;
        }));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.putComplianceTag(new ComplianceTag(m, V1, "bias_checked", newEvidenceId(), ALICE, T0));
            return null;
        }));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.putComplianceTag(new ComplianceTag(uniqueModel("absent"), V1, "t", ofV2.id(), ALICE, T0));
            return null;
        }));
        var found33 = store().inTransaction(tx -> tx.removeComplianceTag(uniqueModel("absent"), V1, "t"));
        assertThat(found33).isFalse();
        var found34 = store().read(tx -> tx.complianceTags(uniqueModel("absent"), V1));
        assertThat(found34).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
        // The schema holds the same rule against a hand-written row (SQLite checks foreign keys when asked to).
        try (Connection c = database().connect(); Statement s = c.createStatement()) {
            if (c.getMetaData().getURL().startsWith("jdbc:sqlite:")) {
                s.execute("PRAGMA foreign_keys = ON");
            }
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO compliance_tags (model_id, version, tag, evidence_id, "
                    + "set_by, at) SELECT model_id, 1, 'forged', id, 'x', 0 FROM evidence WHERE id = '" + ofV2.id() + "'"))
                    .isInstanceOf(SQLException.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- approvals ----

    @Test
    void approvalsGetIdsAndComeBackInTheOrderTheyWereMade() {
        ModelName m = modelWithVersions("appr", 2);
        Approval approve = new Approval(0, m, V1, "Production", ALICE, EnumSet.of(Role.APPROVER, Role.ADMIN),
                Decision.APPROVE, "LGTM " + TRICKY, digest("review-1"), false, T0);
        Approval reject = new Approval(0, m, V1, "alias:champion", BOB, Set.of(), Decision.REJECT, null,
                digest("review-2"), true, T1);
        Approval onV2 = new Approval(0, m, V2, "Staging", BOB, Set.of(Role.CONTRIBUTOR), Decision.APPROVE, "",
                digest("review-3"), true, T1);
        List<Approval> stored = store().inTransaction(tx -> List.of(tx.insertApproval(approve), tx.insertApproval(reject),
                tx.insertApproval(onV2)));
        assertThat(stored.get(0).id()).isPositive();
        assertThat(stored.get(1).id()).isGreaterThan(stored.get(0).id());
        assertThat(stored.get(0)).isEqualTo(withId(approve, stored.get(0).id()));
        var found35 = store().read(tx -> tx.approvals(m, V1));
        assertThat(found35).containsExactly(stored.get(0), stored.get(1));
        var found36 = store().read(tx -> tx.approvals(m, V2));
        assertThat(found36).containsExactly(stored.get(2));
        var found37 = store().read(tx -> tx.approvals(m, V1));
        assertThat(found37.get(0).roles()).containsExactly(Role.APPROVER, Role.ADMIN);
        var found38 = store().read(tx -> tx.approvals(m, VersionNumber.of(7)));
        assertThat(found38).isEmpty();
        var found39 = store().read(tx -> tx.approvals(uniqueModel("absent"), V1));
        assertThat(found39).isEmpty();
        expectNotFound(() -> store().inTransaction(tx -> tx.insertApproval(
                new Approval(0, m, VersionNumber.of(7), "Production", ALICE, Set.of(), Decision.APPROVE, "", digest("r"),
                        false, T0))));
    }

    static Approval withId(Approval a, long id) {
        return new Approval(id, a.model(), a.version(), a.target(), a.principal(), a.roles(), a.decision(), a.comment(),
                a.reviewDigest(), a.asserted(), a.at());
    }

    // ---- insert-only tables, transactions ----

    @Test
    void insertOnlyTablesRefuseUpdatesAndDeletesFromAnyone() throws SQLException {
        ModelName m = modelWithVersions("tamper", 1);
        Evidence e = evalReport(newEvidenceId(), m, V1, Metrics.of(Map.of("auc", 0.9)), "d", true);
        store().inTransaction(tx -> {
            tx.insertEvidence(e);
            tx.revokeEvidence(e.id(), new Revocation(ALICE, T1, "r"));
            tx.insertCardRevision(new CardRevision(m, V1, 1, "{}", digest("c"), ALICE, T0));
            tx.insertApproval(new Approval(0, m, V1, "Production", ALICE, Set.of(Role.ADMIN), Decision.APPROVE, "",
                    digest("r"), false, T0));
            return null;
        });
        DatabaseSnapshot before = snapshot();
        List<String> statements = List.of(
                "UPDATE evidence SET summary = 'edited'", "DELETE FROM evidence",
                "UPDATE evidence_metrics SET value = '1.0'", "DELETE FROM evidence_metrics",
                "UPDATE evidence_revocations SET reason = 'edited'", "DELETE FROM evidence_revocations",
                "UPDATE card_revisions SET canonical_json = '{\"edited\":true}'", "DELETE FROM card_revisions",
                "UPDATE approvals SET decision = 'REJECT'", "DELETE FROM approvals");
        try (Connection c = database().connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                assertThatThrownBy(() -> s.executeUpdate(sql)).as(sql).isInstanceOf(SQLException.class);
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aThrowingTransactionLeavesNoGovernanceRowsBehind() {
        ModelName m = modelWithVersions("gvrb", 1);
        Principal p = uniquePrincipal("rb");
        DatabaseSnapshot before = snapshot();
        RuntimeException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.insertPrincipal(new PrincipalRecord(p, PrincipalKind.USER, List.of(Grant.global(Role.ADMIN)), ALICE, T0));
            Evidence e = evalReport(newEvidenceId(), m, V1, Metrics.of(Map.of("auc", 0.9)), "d", null);
            tx.insertEvidence(e);
            tx.revokeEvidence(e.id(), new Revocation(ALICE, T1, "r"));
            tx.insertCardRevision(new CardRevision(m, V1, 1, "{}", digest("c"), ALICE, T0));
            tx.putComplianceTag(new ComplianceTag(m, V1, "t", e.id(), ALICE, T0));
            tx.insertApproval(new Approval(0, m, V1, "Production", ALICE, Set.of(), Decision.APPROVE, "", digest("r"),
                    false, T0));
            throw boom;
        })).isSameAs(boom);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void readTransactionsRefuseGovernanceWrites() {
        ModelName m = modelWithVersions("gvro", 1);
        DatabaseSnapshot before = snapshot();
        List<Runnable> writes = List.of(
                () -> store().read(tx -> {
                    tx.insertPrincipal(new PrincipalRecord(uniquePrincipal("ro"), PrincipalKind.USER, List.of(), ALICE, T0));
                    return null;
                }),
                () -> store().read(tx -> {
                    tx.insertEvidence(stored(newEvidenceId(), m, V1, T0));
                    return null;
                }),
                () -> store().read(tx -> tx.insertApproval(new Approval(0, m, V1, "Production", ALICE, Set.of(),
                        Decision.APPROVE, "", digest("r"), false, T0))),
                () -> store().read(tx -> tx.removeComplianceTag(m, V1, "t")));
        for (Runnable w : writes) {
            assertThatThrownBy(w::run).isInstanceOf(RegentException.class).hasMessageContaining("read-only");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void evalPassedIsStoredAsATriStateBoolean() throws SQLException {
        ModelName m = modelWithVersions("tri", 1);
        Evidence unknown = evalReport(newEvidenceId(), m, V1, Metrics.EMPTY, "d", null);
        Evidence no = evalReport(newEvidenceId(), m, V1, Metrics.EMPTY, "d", false);
        store().inTransaction(tx -> {
            tx.insertEvidence(unknown);
            tx.insertEvidence(no);
            return null;
        });
        try (Connection c = database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT eval_passed FROM evidence WHERE id = '" + unknown.id() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isNull();
        }
        var found40 = store().read(tx -> tx.findEvidence(no.id()));
        assertThat(found40.orElseThrow().eval().orElseThrow().passed()).isFalse();
    }
}
