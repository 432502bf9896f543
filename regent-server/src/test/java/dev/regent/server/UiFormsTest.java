package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UI's forms over HTTP: a protected alias refused per gate, then approved and moved; registration by source. */
class UiFormsTest {
    private static TestServer t;
    private static UiHttp ui;
    private static ModelName model;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(UiWorld.policy());
        ui = new UiHttp(t);
        UiWorld world = new UiWorld(t);
        model = world.model("aliased", "", Map.of());
        world.version(model, 1, true);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    private static HttpResponse<String> post(UiHttp.Session s, String path, String... fields) {
        String[] all = new String[fields.length + 2];
        all[0] = "csrf";
        all[1] = s.csrf();
        System.arraycopy(fields, 0, all, 2, fields.length);
        return ui.post(path, s, UiHttp.form(all), "Origin", ui.origin());
    }

    @Test
    void aProtectedAliasMovesOnlyWithItsApprovalAfterThePreview() {
        UiHttp.Session contributor = ui.signIn("contributor");
        HttpResponse<String> refused = post(contributor, "/models/aliased/aliases", "alias", "champion", "version", "1",
                "reason", "best so far");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Refused").contains("approvals").doesNotContain("id=\"confirm\"");
        // an alias the policy does not declare is gated like Production in the UI too (issue 13)
        HttpResponse<String> undeclared = post(contributor, "/models/aliased/aliases", "alias", "canary", "version", "1",
                "reason", "try it");
        assertThat(undeclared.statusCode()).isEqualTo(409);
        assertThat(undeclared.body()).contains("gated like Production").doesNotContain("id=\"confirm\"");

        UiHttp.Session approver = ui.signIn("approver");
        HttpResponse<String> approved = post(approver, "/models/aliased/versions/1/decision", "target", "alias:champion",
                "decision", "APPROVE", "comment", "fine as champion");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("Done");

        HttpResponse<String> preview = post(contributor, "/models/aliased/aliases", "alias", "champion", "version", "1",
                "reason", "best so far");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Dry run").contains("id=\"confirm\"");
        assertThat(t.registry.overview(UiWorld.CONTRIBUTOR, model).aliases()).isEmpty();
        HttpResponse<String> done = post(contributor, "/models/aliased/aliases", "alias", "champion", "version", "1",
                "reason", "best so far", "confirm", "yes");
        assertThat(done.body()).contains("Done");
        assertThat(t.registry.overview(UiWorld.CONTRIBUTOR, model).aliases()).containsEntry(AliasName.of("champion"), VersionNumber.of(1));
        assertThat(ui.get("/models/aliased", contributor).body()).contains("champion → v1");
    }

    @Test
    void aVersionRegisteredBySourceAndDigestWithMetrics() {
        UiHttp.Session contributor = ui.signIn("contributor");
        String digest = "sha256:" + "ab".repeat(32);
        HttpResponse<String> bad = post(contributor, "/models/aliased/versions", "source", "s3://b/aliased/2",
                "digest", digest, "metrics", "auc=high");
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> none = post(contributor, "/models/aliased/versions", "run_id", "r-1");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("Upload the artifact, or give its source URI");
        HttpResponse<String> ok = post(contributor, "/models/aliased/versions", "source", "s3://b/aliased/2",
                "digest", digest, "run_id", "r-2", "metrics", "auc=0.91\nlatency_p99_ms=40");
        assertThat(ok.statusCode()).isEqualTo(200);
        var v = t.registry.version(UiWorld.CONTRIBUTOR, model, VersionNumber.of(2));
        assertThat(v.digest().value()).isEqualTo(digest);
        assertThat(v.metrics().values()).containsEntry("auc", 0.91).containsEntry("latency_p99_ms", 40.0);
        assertThat(t.registry.governance().audit(UiWorld.CONTRIBUTOR, new dev.regent.core.audit.AuditQuery(model, null,
                dev.regent.core.audit.AuditAction.VERSION_REGISTER, 0, 10)).get(1).after()).containsEntry("via", "ui");
    }

    @Test
    void aBrowserOnAWrongPathGetsAPageAndAnApiClientGetsJson() {
        HttpResponse<String> page = ui.request("GET", "/no/such/page", null, null, "Accept", "text/html,application/xhtml+xml");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("there is no page at /no/such/page");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        HttpResponse<String> api = ui.request("GET", "/api/v1/nope", null, null, "Accept", "text/html");
        assertThat(api.body()).startsWith("{\"error\"");
    }

    @Test
    void aMistypedModelOrVersionGetsTheErrorPageNotJson() {
        UiHttp.Session viewer = ui.signIn("viewer");
        for (String path : new String[] {"/models/nosuch", "/models/aliased/versions/99"}) {
            HttpResponse<String> page = ui.request("GET", path, viewer.cookie(), null, "Accept", "text/html,application/xhtml+xml");
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("Not found").contains("href=\"/\"").doesNotContain("no route");
        }
    }

    @Test
    void theAuditPageShowsTheNewestEntriesFirstAndLinksToOlderOnes() {
        UiWorld world = new UiWorld(t);
        for (int i = 0; i < 105; i++) {
            world.model("bulk-" + i, "", Map.of());
        }
        UiHttp.Session viewer = ui.signIn("viewer");
        String first = ui.get("/audit?action=model.create", viewer).body();
        java.util.List<Long> seqs = seqs(first);
        assertThat(seqs).hasSize(100);
        assertThat(seqs).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(first).contains("bulk-104").doesNotContain("Later entries");
        java.util.regex.Matcher older = java.util.regex.Pattern.compile("href=\"([^\"]*)\" rel=\"next\"").matcher(first);
        assertThat(older.find()).isTrue();
        assertThat(first).contains("Older entries");
        String second = ui.get(older.group(1).replace("&amp;", "&"), viewer).body();
        java.util.List<Long> rest = seqs(second);
        assertThat(rest).isNotEmpty().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(rest.get(0)).isLessThan(seqs.get(seqs.size() - 1));
        assertThat(second).contains("bulk-0");
    }

    private static java.util.List<Long> seqs(String html) {
        java.util.List<Long> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr class=\"[a-z_]+\" id=\"seq-\\d+\">\\s*<td>(\\d+)</td>").matcher(html);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    @Test
    void thePreviewPutsConfirmFirstAndFoldsTheEmptySections() {
        UiHttp.Session contributor = ui.signIn("contributor");
        HttpResponse<String> preview = post(contributor, "/models/aliased/versions/1/promote", "to", "Staging", "reason", "try it");
        assertThat(preview.statusCode()).isEqualTo(200);
        String body = preview.body();
        assertThat(body).contains("id=\"confirm\"");
        assertThat(body.indexOf("id=\"confirm\"")).isLessThan(body.indexOf("<h2>Plan</h2>"));
        assertThat(body.indexOf("id=\"outcome\"")).isLessThan(body.indexOf("<h2>Plan</h2>"));
        assertThat(body).doesNotContain("<h2>Changes</h2>").doesNotContain("<h2>Verification</h2>")
                .contains("nothing yet (dry run)").contains("<h2>Summary</h2>");
    }

    @Test
    void aFailedFormShowsWhatWasSentTheCodeInWordsAndLeadsBack() {
        UiHttp.Session contributor = ui.signIn("contributor");
        HttpResponse<String> bad = ui.post("/models/aliased/versions/1/promote", contributor,
                UiHttp.form("csrf", contributor.csrf(), "to", "Heaven", "reason", "my <careful> reason"), "Origin", ui.origin(),
                "Referer", ui.origin() + "/models/aliased/versions/1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("INVALID_ARGUMENT").contains(dev.regent.core.error.ErrorCode.INVALID_ARGUMENT.meaning())
                .contains("my &lt;careful&gt; reason").contains("Heaven")
                .contains("href=\"/models/aliased/versions/1\" id=\"back-to-form\"")
                .doesNotContain("<dt>csrf</dt>");
        // a referer from elsewhere is not followed
        HttpResponse<String> foreign = ui.post("/models/aliased/versions/1/promote", contributor,
                UiHttp.form("csrf", contributor.csrf(), "to", "Heaven", "reason", "r"), "Origin", ui.origin(),
                "Referer", "http://evil.example/models");
        assertThat(foreign.body()).doesNotContain("evil.example");
    }

    @Test
    void anAssertedApprovalIsMarkedAndExplained() {
        dev.regent.core.registry.Registry local = new dev.regent.core.registry.Registry(t.store, t.clock, new java.util.Random(3),
                dev.regent.core.registry.SourceRules.references(), dev.regent.core.policy.Policies.builtIn(),
                dev.regent.store.StoreFactory.blobs(t.dir), false);
        UiWorld.applied(local.decide(dev.regent.core.model.Principal.of("approver2"), model, VersionNumber.of(1),
                dev.regent.core.policy.GateTarget.of(dev.regent.core.model.Stage.STAGING), dev.regent.core.approval.Decision.APPROVE,
                "looked at it locally", false));
        String page = ui.get("/models/aliased/versions/1", ui.signIn("viewer")).body();
        assertThat(page).contains("(asserted)").contains("claimed with --as").contains("title=\"");
    }
}
