package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.store.audit.CheckpointDirectory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints signed on schedule while the server runs (every N entries or T after the last), written once to a
 * directory; and a tampered database turning into an incident: /ready answers 503 and nothing more is signed.
 */
class AuditCheckpointScheduleTest {
    @TempDir
    Path published;
    private TestServer t;

    @AfterEach
    void stop() throws Exception {
        if (t != null) {
            t.close();
        }
    }

    private void start(long everyEntries, Duration every) throws Exception {
        t = new TestServer(null, new CheckpointSigner.Schedule(everyEntries, every), new CheckpointDirectory(published));
    }

    private long latestSize() {
        return t.audit.latest().map(c -> c.size()).orElse(0L);
    }

    private long head() {
        return t.audit.tree().size();
    }

    private void appendModels(String prefix, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(t.post("/api/v1/models", "admin", "{\"name\":\"" + prefix + i + "\"}").statusCode()).isEqualTo(201);
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aCheckpointAppearsEveryNEntriesAndAfterTheInterval() throws Exception {
        start(5, Duration.ofHours(1));
        // the entries written while setting up are sealed as soon as the server starts
        assertThat(eventually(() -> latestSize() == head())).isTrue();
        long first = latestSize();
        // the note is stored, then published to the directory: wait for both
        assertThat(eventually(() -> Files.exists(published.resolve("checkpoint-" + first + ".txt")))).isTrue();
        assertThat(Files.readString(published.resolve("checkpoint-" + first + ".txt"))).isEqualTo(t.audit.latest().orElseThrow().note());

        appendModels("n", 4);
        Thread.sleep(1500);
        assertThat(latestSize()).as("4 entries < 5: not due yet").isEqualTo(first);
        appendModels("m", 1);
        assertThat(eventually(() -> latestSize() == first + 5)).isTrue();
        HttpResponse<String> latest = t.get("/api/v1/audit/checkpoint", "viewer");
        assertThat(SignedCheckpoints.open(latest.body(), t.audit.verifier()).size()).isEqualTo(first + 5);
        assertThat(eventually(() -> Files.exists(published.resolve("checkpoint-" + (first + 5) + ".txt")))).isTrue();

        // one entry, then the interval passes
        appendModels("t", 1);
        Thread.sleep(1200);
        assertThat(latestSize()).isEqualTo(first + 5);
        t.clock.advance(Duration.ofHours(1));
        assertThat(eventually(() -> latestSize() == first + 6)).isTrue();
        assertThat(t.get("/ready", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTamperedLogIsAnIncidentNeverResealed() throws Exception {
        start(2, Duration.ofHours(1));
        assertThat(eventually(() -> latestSize() == head() && latestSize() > 3)).isTrue();
        long sealed = latestSize();
        // the note is stored, then published: wait until the directory holds it (a temp file may be in flight before)
        assertThat(eventually(() -> Files.exists(published.resolve("checkpoint-" + sealed + ".txt")))).isTrue();
        List<String> files = publishedNotes();

        // someone with the database file: drop the append-only triggers, rewrite a sealed entry and its leaf hash
        t.rewriteAuditReason(2, "nothing to see");
        appendModels("after", 2);

        assertThat(eventually(() -> t.get("/ready", null).statusCode() == 503)).isTrue();
        HttpResponse<String> ready = t.get("/ready", null);
        assertThat(ready.body()).contains("audit incident").contains("signed at size " + sealed);
        assertThat(t.audit.incident()).isPresent();

        // signing on demand is refused too, and nothing new was signed or published
        HttpResponse<String> sign = t.post("/api/v1/audit/checkpoint", "admin", null);
        assertThat(sign.statusCode()).isEqualTo(409);
        appendModels("more", 3);
        t.clock.advance(Duration.ofHours(2));
        Thread.sleep(1500);
        assertThat(latestSize()).isEqualTo(sealed);
        assertThat(publishedNotes()).isEqualTo(files);
        assertThat(t.get("/ready", null).statusCode()).isEqualTo(503);
    }

    @Test
    void anEntryReFiledUnderAnotherModelFailsTheReadByModelAsAnIncidentAndStopsSigning() throws Exception {
        start(1000, Duration.ofHours(1));
        appendModels("hidden", 1);
        long seq = head();
        HttpResponse<String> before = t.get("/api/v1/audit?model=hidden0", "viewer");
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        assertThat(before.body()).contains("\"seq\":" + seq);

        t.tamperAuditColumn(seq, "model", "elsewhere");
        HttpResponse<String> read = t.get("/api/v1/audit?model=hidden0", "viewer");
        assertThat(read.statusCode()).as("never a page without the entry: " + read.body()).isEqualTo(503);
        assertThat(read.body()).contains("audit incident").contains("entry " + seq);
        HttpResponse<String> ready = t.get("/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("audit incident").contains("entry " + seq);
        assertThat(t.post("/api/v1/audit/checkpoint", "admin", null).statusCode()).isEqualTo(409);
    }

    @Test
    void readyChecksTheStoredTreeAgainstTheLatestCheckpoint() throws Exception {
        start(1000, Duration.ofHours(1));
        assertThat(eventually(() -> latestSize() == head() && latestSize() > 2)).isTrue();
        assertThat(t.get("/ready", null).statusCode()).isEqualTo(200);
        long sealed = latestSize();

        // the stored tree edited under the signed checkpoint (a leaf hash replaced): no entry read notices, /ready does
        t.tamperAuditLeaf(2, new byte[32]);
        HttpResponse<String> ready = t.get("/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("audit incident").contains("not the one signed at size " + sealed);
        appendModels("after", 2);
        assertThat(t.post("/api/v1/audit/checkpoint", "admin", null).statusCode()).isEqualTo(409);
        assertThat(latestSize()).isEqualTo(sealed);
    }

    /** The checkpoint notes published so far (not the temp files a write in progress uses). */
    private List<String> publishedNotes() throws java.io.IOException {
        try (var list = Files.list(published)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("checkpoint-")).sorted().toList();
        }
    }
}
