package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.checkpoint.Cosignature;
import dev.regent.core.audit.checkpoint.CosigningKey;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.tree.Cosignatures;
import dev.regent.core.audit.tree.Witnesses;
import dev.regent.core.model.Principal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Witness cosignatures (C2SP tlog-cosignature) sent to a real server, on SQLite and on PostgreSQL (a fresh schema in
 * REGENT_TEST_POSTGRES_URL; skipped when unset): only a configured witness's cosignature that verifies over exactly a
 * checkpoint the log signed is stored, and every other one is refused with its reason and changes nothing.
 */
class WitnessCosignaturesTest {
    private static final CosigningKey W1 = CosigningKey.fromSeed("witness.example/w1", seed(1));
    private static final CosigningKey W2 = CosigningKey.fromSeed("witness.example/w2", seed(2));
    /** Claims w1's name with another key. */
    private static final CosigningKey IMPOSTOR = CosigningKey.fromSeed("witness.example/w1", seed(3));
    private static final CosigningKey STRANGER = CosigningKey.fromSeed("elsewhere.example/w", seed(4));

    static Stream<String> databases() {
        return Stream.of("sqlite", "postgresql");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyAConfiguredWitnessCosigningExactlyASignedCheckpointIsStored(String database) throws Exception {
        String base = System.getenv("REGENT_TEST_POSTGRES_URL");
        String schema = null;
        String jdbc = null;
        if (database.equals("postgresql")) {
            Assumptions.assumeTrue(base != null && !base.isBlank(), "REGENT_TEST_POSTGRES_URL is not set");
            schema = "regent_test_" + HexFormat.of().formatHex(seed(ThreadLocalRandom.current().nextInt())).substring(0, 12);
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            jdbc = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        try (TestServer t = TestServer.witnessed(new Witnesses(List.of(W1.witness(), W2.witness())), jdbc)) {
            exercise(t);
        } finally {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static void exercise(TestServer t) {
        String a = sign(t, 5);
        t.clock.advance(Duration.ofHours(1));
        String b = sign(t, 7);
        long sizeA = size(a);
        long sizeB = size(b);
        String textA = Cosignatures.text(a);
        String textB = Cosignatures.text(b);
        long now = t.clock.instant().getEpochSecond();
        String cosignB = "/api/v1/audit/checkpoints/" + sizeB + "/cosignatures";

        // a configured witness over exactly the checkpoint: stored, and shown with the checkpoint everywhere
        Cosignature w1b = W1.cosign(textB, now);
        HttpResponse<String> stored = t.post(cosignB, "viewer", w1b.line() + "\n");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(t.tree(stored).path("stored").get(0).path("witness").asText()).isEqualTo("witness.example/w1");
        assertThat(t.tree(stored).path("stored").get(0).path("key_id").asText()).isEqualTo(W1.witness().keyIdHex());
        String served = t.get("/audit/v1/checkpoint", "viewer").body();
        assertThat(served).isEqualTo(b + w1b.line() + "\n");
        assertThat(t.get("/api/v1/audit/checkpoint", "viewer").body()).isEqualTo(served);
        assertThat(t.get("/api/v1/audit/checkpoints/" + sizeB, "viewer").body()).isEqualTo(served);
        JsonNode json = t.tree(t.get("/api/v1/audit/checkpoint?format=json", "viewer"));
        assertThat(json.path("note").asText()).isEqualTo(served);
        assertThat(json.path("cosignatures").get(0).path("time").asLong()).isEqualTo(now);
        assertThat(json.path("cosignatures").get(0).path("line").asText()).isEqualTo(w1b.line());
        assertThat(SignedCheckpoints.open(served, t.audit.verifier()).size()).as("still a note the log's key opens").isEqualTo(sizeB);

        // refused, each for its reason, and nothing stored
        refused(t, cosignB, STRANGER.cosign(textB, now).line(), 403, "unknown-witness");
        refused(t, cosignB, IMPOSTOR.cosign(textB, now).line(), 403, "unknown-witness");
        refused(t, cosignB, W2.cosign(textA, now).line(), 400, "bad-signature"); // over the other checkpoint
        refused(t, cosignB, a + W2.cosign(textA, now).line() + "\n", 400, "other-checkpoint");
        Cosignature honest = W2.cosign(textB, now);
        byte[] flipped = honest.signature();
        flipped[10] ^= 1;
        refused(t, cosignB, new Cosignature(honest.witness(), honest.keyId(), now, flipped).line(), 400, "bad-signature");
        refused(t, cosignB, new Cosignature(honest.witness(), honest.keyId(), now - 60, honest.signature()).line(), 400,
                "bad-signature"); // its signature with another timestamp
        refused(t, cosignB, W2.cosign(textB, now + 3600).line(), 400, "future");
        refused(t, cosignB, W2.cosign(textB, now - 3 * 3600).line(), 400, "predates-checkpoint"); // an old cosignature replayed
        refused(t, cosignB, t.audit.cosignatures().witnesses().keys().get(0).toString(), 400, "malformed");
        refused(t, cosignB, "\u2014 regent.test/audit " + b.substring(b.lastIndexOf(' ') + 1), 400, "malformed");
        refused(t, "/api/v1/audit/checkpoints/" + (sizeB + 1) + "/cosignatures", W2.cosign(textB, now).line(), 404, "no-checkpoint");
        // a witness going back: w1 said at `now` that size B was the largest; a later cosignature of the smaller A contradicts it
        refused(t, "/api/v1/audit/checkpoints/" + sizeA + "/cosignatures", W1.cosign(textA, now + 60).line(), 409, "out-of-order");
        // duplicates: a second, different cosignature of w1 on B; and two of w2 in one body, which stores neither
        refused(t, cosignB, W1.cosign(textB, now + 1).line(), 409, "duplicate");
        refused(t, cosignB, honest.line() + "\n" + W2.cosign(textB, now + 1).line() + "\n", 409, "duplicate");
        assertThat(t.tree(t.get("/api/v1/audit/checkpoint?format=json", "viewer")).path("cosignatures")).hasSize(1);

        // the same cosignature sent again changes nothing; a dry run checks and stores nothing
        HttpResponse<String> again = t.post(cosignB, "viewer", w1b.line());
        assertThat(t.tree(again).path("stored")).isEmpty();
        assertThat(t.tree(again).path("already_stored")).hasSize(1);
        HttpResponse<String> dry = t.post(cosignB + "?dry_run=true", "viewer", honest.line());
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(t.tree(dry).path("note").asText()).contains(honest.line());
        assertThat(t.get("/audit/v1/checkpoint", "viewer").body()).isEqualTo(served);

        // the whole cosigned note a witness answers with is accepted too; A's older cosignature by w2 keeps w2's order
        assertThat(t.post(cosignB, "viewer", served + honest.line() + "\n").statusCode()).isEqualTo(200);
        assertThat(t.post("/api/v1/audit/checkpoints/" + sizeA + "/cosignatures", "viewer",
                W2.cosign(textA, now - 60).line()).statusCode()).isEqualTo(200);
        assertThat(t.get("/audit/v1/checkpoint", "viewer").body()).isEqualTo(b + w1b.line() + "\n" + honest.line() + "\n");
        assertThat(t.get("/api/v1/audit/checkpoints/" + sizeA, "viewer").body()).endsWith(
                W2.cosign(textA, now - 60).line() + "\n");

        // who may send them: whoever may read the whole log
        t.addPrincipal("fraud-viewer", new dev.regent.core.access.Grant(dev.regent.core.access.Role.VIEWER,
                dev.regent.core.model.ModelName.of("fraud")));
        assertThat(t.post(cosignB, "fraud-viewer", honest.line()).statusCode()).isEqualTo(403);
        assertThat(t.post(cosignB, null, honest.line()).statusCode()).isEqualTo(401);
    }

    @Test
    void aRegistryWithoutWitnessesAcceptsNone() throws Exception {
        try (TestServer t = new TestServer(null)) {
            String note = sign(t, 2);
            HttpResponse<String> r = t.post("/api/v1/audit/checkpoints/" + size(note) + "/cosignatures", "admin",
                    W1.cosign(Cosignatures.text(note), t.clock.instant().getEpochSecond()).line());
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(t.tree(r).path("error").path("details").path("reason").asText()).isEqualTo("no-witnesses");
        }
    }

    private static void refused(TestServer t, String path, String body, int status, String reason) {
        String before = t.get("/api/v1/audit/checkpoint", "viewer").body();
        HttpResponse<String> r = t.post(path, "viewer", body);
        assertThat(r.statusCode()).as(reason + ": " + r.body()).isEqualTo(status);
        assertThat(t.tree(r).path("error").path("details").path("reason").asText()).as(r.body()).isEqualTo(reason);
        assertThat(t.tree(r).path("error").path("message").asText()).isNotBlank();
        assertThat(t.get("/api/v1/audit/checkpoint", "viewer").body()).as("nothing changed").isEqualTo(before);
    }

    /** Appends entries and signs: the new checkpoint's note. */
    private static String sign(TestServer t, int entries) {
        t.store.inTransaction(tx -> {
            for (int i = 0; i < entries; i++) {
                tx.appendAudit(AuditEntry.draft(Instant.ofEpochMilli(1_700_000_000_000L + i), Principal.of("alice"),
                        AuditAction.MODEL_UPDATE, "model-" + i, AuditOutcome.APPLIED, "change " + i, null, null));
            }
            return null;
        });
        HttpResponse<String> r = t.post("/api/v1/audit/checkpoint", "admin", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static long size(String note) {
        return Long.parseLong(note.split("\n")[1]);
    }

    private static byte[] seed(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        return seed;
    }
}
