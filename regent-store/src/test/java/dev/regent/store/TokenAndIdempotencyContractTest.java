package dev.regent.store;

import static dev.regent.store.StoreContractTest.ALICE;
import static dev.regent.store.StoreContractTest.BOB;
import static dev.regent.store.StoreContractTest.T0;
import static dev.regent.store.StoreContractTest.T1;
import static dev.regent.store.StoreContractTest.THREADS;
import static dev.regent.store.StoreContractTest.TRICKY;
import static dev.regent.store.StoreContractTest.digest;
import static dev.regent.store.StoreContractTest.expectConflictWithoutSql;
import static dev.regent.store.StoreContractTest.expectNotFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import dev.regent.core.store.IdempotencyRecords.Entry;
import dev.regent.core.store.StoreConflict;
import dev.regent.core.store.StoreTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens and idempotency keys, on every database. A token for a principal that does not exist is refused
 * by the tokens → principals foreign key and reported as NOT_FOUND (like a grant for one), not as a conflict.
 */
abstract class TokenAndIdempotencyContractTest extends StoreFixture {
    static final String IN_USE = "a request with this Idempotency-Key is already in progress or done";
    static final Digest FINGERPRINT = digest("POST /models {\"name\":\"m\"}");

    // ---- helpers ----

    Principal newPrincipal(String prefix) {
        Principal p = Principal.of(uniqueModel(prefix).value());
        write(tx -> tx.insertPrincipal(new PrincipalRecord(p, PrincipalKind.SERVICE, List.of(), ALICE, T0)));
        return p;
    }

    String newTokenId() {
        return "tok-" + uniqueModel("t").value();
    }

    static TokenRecord token(String id, Principal principal, Instant createdAt, Instant expiresAt) {
        return new TokenRecord(id, principal, digest("secret of " + id), "CI deploys " + id, ALICE, createdAt, expiresAt,
                null);
    }

    void write(Consumer<StoreTransaction> work) {
        store().inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    static void expectInvalid(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(RegentException.class)
                .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    // ---- tokens ----

    @Test
    void tokensRoundTripWithAndWithoutExpiry() {
        Principal p = newPrincipal("svc");
        TokenRecord expiring = new TokenRecord(newTokenId(), p, digest("s1"), TRICKY, BOB,
                Instant.ofEpochMilli(1_700_000_000_123L), T1.plusSeconds(3600), null);
        TokenRecord forever = token(newTokenId(), p, T1, null);
        write(tx -> {
            tx.insertToken(expiring);
            tx.insertToken(forever);
        });
        var r1 = store().read(tx -> tx.findToken(expiring.id()));
        assertThat(r1).contains(expiring);
        var r2 = store().read(tx -> tx.findToken(forever.id()));
        assertThat(r2).contains(forever);
        var r3 = store().read(tx -> tx.findTokenByHash(digest("s1")));
        assertThat(r3).contains(expiring);
        var r4 = store().read(tx -> tx.findTokenByHash(forever.secretHash()));
        assertThat(r4).contains(forever);
        assertThat(forever.expiresAt()).isNull();
        var r5 = store().read(tx -> tx.findToken("tok-absent"));
        assertThat(r5).isEmpty();
        var r6 = store().read(tx -> tx.findTokenByHash(digest("no such secret")));
        assertThat(r6).isEmpty();
        // Revoked and expired tokens are found too: the caller decides.
        TokenRecord expired = token(newTokenId(), p, T0, T0.plusMillis(1));
        write(tx -> tx.insertToken(expired));
        var r7 = store().read(tx -> tx.findTokenByHash(expired.secretHash()));
        assertThat(r7).contains(expired);
    }

    @Test
    void listsTokensOfOnePrincipalOrOfEveryoneOldestFirst() {
        Principal p = newPrincipal("lister");
        Principal q = newPrincipal("other");
        TokenRecord late = token(newTokenId(), p, T1, null);
        TokenRecord early = token(newTokenId(), p, T0, null);
        TokenRecord sameTimeFirst = token("tok-zzz-" + uniqueModel("same").value(), p, T0.plusSeconds(1), null);
        TokenRecord sameTimeSecond = token("tok-aaa-" + uniqueModel("same").value(), p, T0.plusSeconds(1), null);
        TokenRecord ofQ = token(newTokenId(), q, T0.plusSeconds(2), null);
        write(tx -> {
            tx.insertToken(late);
            tx.insertToken(early);
            tx.insertToken(sameTimeFirst);
            tx.insertToken(ofQ);
            tx.insertToken(sameTimeSecond);
        });
        // Equal creation times keep the order of insertion, not of id.
        var r8 = store().read(tx -> tx.listTokens(p));
        assertThat(r8).containsExactly(early, sameTimeFirst, sameTimeSecond, late);
        var r9 = store().read(tx -> tx.listTokens(q));
        assertThat(r9).containsExactly(ofQ);
        var r10 = store().read(tx -> tx.listTokens(Principal.of("nobody")));
        assertThat(r10).isEmpty();
        List<TokenRecord> all = store().read(tx -> tx.listTokens(null));
        assertThat(all).containsSubsequence(early, sameTimeFirst, ofQ, late)
                .containsSubsequence(sameTimeFirst, sameTimeSecond, ofQ)
                .isSortedAccordingTo(Comparator.comparing(TokenRecord::createdAt));
    }

    @Test
    void revokingTwiceKeepsTheFirstTime() {
        Principal p = newPrincipal("rev");
        TokenRecord t = token(newTokenId(), p, T0, T1);
        write(tx -> tx.insertToken(t));
        write(tx -> tx.revokeToken(t.id(), T1));
        write(tx -> tx.revokeToken(t.id(), T1.plusSeconds(99)));
        TokenRecord revoked = store().read(tx -> tx.findToken(t.id())).orElseThrow();
        assertThat(revoked).isEqualTo(new TokenRecord(t.id(), p, t.secretHash(), t.description(), ALICE, T0, T1, T1));
        assertThat(revoked.validAt(T0)).isFalse();
        var r11 = store().read(tx -> tx.findTokenByHash(t.secretHash()));
        assertThat(r11).contains(revoked);
    }

    @Test
    void revokingAnUnknownTokenIsNotFoundAndChangesNothing() {
        DatabaseSnapshot before = snapshot();
        expectNotFound(() -> write(tx -> tx.revokeToken("tok-never-issued", T1)));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aDuplicateHashOrIdIsAConflictAndNothingOfItsTransactionCommits() {
        Principal p = newPrincipal("dup");
        TokenRecord first = token(newTokenId(), p, T0, null);
        write(tx -> tx.insertToken(first));
        TokenRecord sameHash = new TokenRecord(newTokenId(), p, first.secretHash(), "again", ALICE, T1, null, null);
        TokenRecord sameId = new TokenRecord(first.id(), p, digest("another secret"), "again", ALICE, T1, null, null);
        expectConflictWithoutSql(() -> write(tx -> tx.insertToken(sameHash)));
        expectConflictWithoutSql(() -> write(tx -> tx.insertToken(sameId)));
        // the transaction a conflict happened in commits nothing, also what it wrote before the conflict
        TokenRecord next = token(newTokenId(), p, T1, null);
        expectConflictWithoutSql(() -> write(tx -> {
            tx.insertToken(next);
            tx.insertToken(sameHash);
        }));
        var r12 = store().read(tx -> tx.listTokens(p));
        assertThat(r12).containsExactly(first);
        var r13 = store().read(tx -> tx.findToken(sameHash.id()));
        assertThat(r13).isEmpty();
    }

    @Test
    void aTokenForAnUnknownPrincipalIsRefusedByTheForeignKeyAsNotFound() {
        DatabaseSnapshot before = snapshot();
        TokenRecord orphan = token(newTokenId(), Principal.of("ghost"), T0, null);
        assertThatThrownBy(() -> write(tx -> tx.insertToken(orphan))).isInstanceOf(RegentException.class)
                .isNotInstanceOf(StoreConflict.class)
                .hasMessage("principal 'ghost' does not exist")
                .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasCauseInstanceOf(SQLException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void tokensCannotBeDeletedOrRewrittenEvenByHand() throws SQLException {
        Principal p = newPrincipal("tamper");
        TokenRecord t = token(newTokenId(), p, T0, null);
        write(tx -> tx.insertToken(t));
        write(tx -> tx.revokeToken(t.id(), T1));
        DatabaseSnapshot before = snapshot();
        try (Connection c = database().connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM tokens")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE tokens SET principal = 'admin'"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE tokens SET revoked_at = NULL"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE tokens SET revoked_at = revoked_at + 1"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- idempotency keys ----

    @Test
    void aClaimIsFoundInProgressThenCompletedWithItsOutcome() {
        Principal p = Principal.of("caller-" + uniqueModel("c").value());
        String key = "key-" + TRICKY.strip().replaceAll("\\p{Cntrl}", "");
        var r14 = store().read(tx -> tx.findIdempotencyKey(p, key));
        assertThat(r14).isEmpty();
        write(tx -> tx.claimIdempotencyKey(p, key, FINGERPRINT, T0));
        Entry claimed = store().read(tx -> tx.findIdempotencyKey(p, key)).orElseThrow();
        assertThat(claimed).isEqualTo(new Entry(p, key, FINGERPRINT, null, null, T0));
        assertThat(claimed.completed()).isFalse();

        String body = "{\"name\":\"" + TRICKY.replace("\n", "\\n") + "\"}" + "x".repeat(3 * 1024 * 1024);
        write(tx -> tx.completeIdempotencyKey(p, key, 201, body));
        Entry done = store().read(tx -> tx.findIdempotencyKey(p, key)).orElseThrow();
        assertThat(done).isEqualTo(new Entry(p, key, FINGERPRINT, 201, body, T0));
        assertThat(done.completed()).isTrue();

        // The key stays taken once done, and an outcome is recorded once.
        assertThatThrownBy(() -> write(tx -> tx.claimIdempotencyKey(p, key, digest("other request"), T1)))
                .isInstanceOf(StoreConflict.class).hasMessage(IN_USE);
        assertThatThrownBy(() -> write(tx -> tx.completeIdempotencyKey(p, key, 500, "late")))
                .isInstanceOf(StoreConflict.class);
        var r15 = store().read(tx -> tx.findIdempotencyKey(p, key));
        assertThat(r15).contains(done);
        // Keys belong to their principal: another one may use the same key.
        Principal other = Principal.of("other-" + uniqueModel("c").value());
        write(tx -> tx.claimIdempotencyKey(other, key, FINGERPRINT, T1));
        write(tx -> tx.completeIdempotencyKey(other, key, 204, null));
        var r16 = store().read(tx -> tx.findIdempotencyKey(other, key));
        assertThat(r16)
                .contains(new Entry(other, key, FINGERPRINT, 204, null, T1));
    }

    @Test
    void completingAKeyNobodyHoldsIsNotFound() {
        Principal p = Principal.of("caller-" + uniqueModel("nf").value());
        DatabaseSnapshot before = snapshot();
        expectNotFound(() -> write(tx -> tx.completeIdempotencyKey(p, "never-claimed", 201, "{}")));
        expectInvalid(() -> write(tx -> tx.completeIdempotencyKey(p, "bad-status", 42, "{}")));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void ofConcurrentClaimsOfOneKeyExactlyOneSucceeds() throws Exception {
        Principal p = Principal.of("racer-" + uniqueModel("race").value());
        String key = "race-key";
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                Digest fingerprint = digest("request " + t);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        write(tx -> {
                            tx.claimIdempotencyKey(p, key, fingerprint, T0);
                            sleep(); // hold the claim uncommitted while the others try
                        });
                        return "claimed";
                    } catch (StoreConflict e) {
                        return e.getMessage();
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn("claimed"::equals).hasSize(1);
            assertThat(results).filteredOn(IN_USE::equals).hasSize(THREADS - 1);
        } finally {
            pool.shutdownNow();
        }
        Entry entry = store().read(tx -> tx.findIdempotencyKey(p, key)).orElseThrow();
        assertThat(entry.completed()).isFalse();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void releasingAClaimLetsALaterClaimSucceed() {
        Principal p = Principal.of("caller-" + uniqueModel("rel").value());
        write(tx -> tx.claimIdempotencyKey(p, "k", FINGERPRINT, T0));
        write(tx -> tx.releaseIdempotencyKey(p, "k"));
        var r17 = store().read(tx -> tx.findIdempotencyKey(p, "k"));
        assertThat(r17).isEmpty();
        Digest retry = digest("retry");
        write(tx -> tx.claimIdempotencyKey(p, "k", retry, T1));
        var r18 = store().read(tx -> tx.findIdempotencyKey(p, "k"));
        assertThat(r18).contains(new Entry(p, "k", retry, null, null, T1));
        // Releasing what nobody holds is a no-op, and a completed outcome is not released.
        write(tx -> tx.releaseIdempotencyKey(p, "absent"));
        write(tx -> tx.completeIdempotencyKey(p, "k", 201, "{}"));
        write(tx -> tx.releaseIdempotencyKey(p, "k"));
        var r19 = store().read(tx -> tx.findIdempotencyKey(p, "k"));
        assertThat(r19).contains(new Entry(p, "k", retry, 201, "{}", T1));
    }

    @Test
    void expiringRemovesOnlyEntriesCreatedBeforeTheCutoff() {
        // Times far before every other test's, so the count is exact on the class's shared database.
        Instant old = Instant.ofEpochMilli(1_000);
        Instant cutoff = Instant.ofEpochMilli(2_000);
        Principal p = Principal.of("caller-" + uniqueModel("exp").value());
        write(tx -> {
            tx.claimIdempotencyKey(p, "old-done", FINGERPRINT, old);
            tx.completeIdempotencyKey(p, "old-done", 201, "{}");
            tx.claimIdempotencyKey(p, "old-pending", FINGERPRINT, cutoff.minusMillis(1));
            tx.claimIdempotencyKey(p, "at-cutoff", FINGERPRINT, cutoff);
            tx.claimIdempotencyKey(p, "new", FINGERPRINT, T1);
        });
        var r20 = store().inTransaction(tx -> tx.expireIdempotencyKeys(cutoff));
        assertThat(r20).isEqualTo(2);
        var r21 = store().read(tx -> tx.findIdempotencyKey(p, "old-done"));
        assertThat(r21).isEmpty();
        var r22 = store().read(tx -> tx.findIdempotencyKey(p, "old-pending"));
        assertThat(r22).isEmpty();
        var r23 = store().read(tx -> tx.findIdempotencyKey(p, "at-cutoff"));
        assertThat(r23).isPresent();
        var r24 = store().read(tx -> tx.findIdempotencyKey(p, "new"));
        assertThat(r24).isPresent();
        var r25 = store().inTransaction(tx -> tx.expireIdempotencyKeys(cutoff));
        assertThat(r25).isZero();
        // An expired key may be claimed afresh.
        write(tx -> tx.claimIdempotencyKey(p, "old-done", FINGERPRINT, T1));
    }

    @Test
    void keysOfMoreThan200CharactersAreInvalidBeforeAnySql() {
        Principal p = Principal.of("caller-" + uniqueModel("long").value());
        String longest = "k".repeat(200);
        String tooLong = "k".repeat(201);
        write(tx -> tx.claimIdempotencyKey(p, longest, FINGERPRINT, T0));
        var r26 = store().read(tx -> tx.findIdempotencyKey(p, longest));
        assertThat(r26).isPresent();
        DatabaseSnapshot before = snapshot();
        for (String bad : List.of(tooLong, "", "line\nbreak")) {
            expectInvalid(() -> store().read(tx -> tx.findIdempotencyKey(p, bad)));
            expectInvalid(() -> write(tx -> tx.claimIdempotencyKey(p, bad, FINGERPRINT, T0)));
            expectInvalid(() -> write(tx -> tx.completeIdempotencyKey(p, bad, 201, "{}")));
            expectInvalid(() -> write(tx -> tx.releaseIdempotencyKey(p, bad)));
            // Even inside a read, the key is judged first.
            expectInvalid(() -> store().read(tx -> {
                tx.claimIdempotencyKey(p, bad, FINGERPRINT, T0);
                return null;
            }));
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- read transactions ----

    @Test
    void aReadCannotWriteTokensOrIdempotencyKeys() {
        Principal p = newPrincipal("ro");
        TokenRecord t = token(newTokenId(), p, T0, null);
        write(tx -> {
            tx.insertToken(t);
            tx.claimIdempotencyKey(p, "held", FINGERPRINT, T0);
        });
        DatabaseSnapshot before = snapshot();
        List<Consumer<StoreTransaction>> writes = List.of(
                tx -> tx.insertToken(token(newTokenId(), p, T1, null)),
                tx -> tx.revokeToken(t.id(), T1),
                tx -> tx.claimIdempotencyKey(p, "fresh", FINGERPRINT, T1),
                tx -> tx.completeIdempotencyKey(p, "held", 201, "{}"),
                tx -> tx.releaseIdempotencyKey(p, "held"),
                tx -> tx.expireIdempotencyKeys(T1));
        for (Consumer<StoreTransaction> w : writes) {
            assertThatThrownBy(() -> store().read(tx -> {
                w.accept(tx);
                return null;
            })).isInstanceOf(RegentException.class).hasMessageContaining("read-only");
        }
        assertThat(snapshot()).isEqualTo(before);
        var r27 = store().read(tx -> tx.findToken(t.id()));
        assertThat(r27).contains(t);
    }
}
