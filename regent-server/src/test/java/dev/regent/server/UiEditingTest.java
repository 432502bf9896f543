package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.card.CardFormat;
import dev.regent.core.card.ModelCard;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Params;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.NewVersion;
import dev.regent.server.ui.RunLinks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 over HTTP: the models list sorted by the server, a model's versions filtered and compared, run ids linked
 * through the operator's template, and the editing forms (descriptions and tags, rename, delete, token revocation)
 * each previewed before Confirm, refused for a principal without the role and for a change made since the form was read.
 */
class UiEditingTest {
    private static TestServer t;
    private static UiHttp ui;
    private static UiWorld world;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(UiWorld.policy(), c -> c.withRunLinks(RunLinks.of("https://mlflow.example/#/experiments/0/runs/{run_id}")));
        ui = new UiHttp(t);
        world = new UiWorld(t);
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

    /** The model names of the models table, in the order the page lists them. */
    private static List<String> listed(String html) {
        Matcher m = Pattern.compile("class=\"model-link\" href=\"[^\"]*\">([^<]*)</a>").matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String table(String html, String cls) {
        int start = html.indexOf("<table class=\"" + cls + "\"");
        return start < 0 ? "" : html.substring(start, html.indexOf("</table>", start));
    }

    private static String href(String html, String id) {
        Matcher a = Pattern.compile("<a [^>]*id=\"" + id + "\"[^>]*>").matcher(html);
        assertThat(a.find()).as("a link with id " + id).isTrue();
        Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(a.group());
        assertThat(m.find()).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void theModelsListSortsOnTheServerByNameModifiedAndCreated() {
        ModelName b = world.model("srt-b", "", Map.of());
        t.clock.advance(Duration.ofHours(1));
        ModelName a = world.model("srt-a", "", Map.of());
        t.clock.advance(Duration.ofHours(1));
        world.model("srt-c", "", Map.of());
        t.clock.advance(Duration.ofHours(1));
        // a new version modifies b last
        world.version(b, 1, false);
        evalReport(b, VersionNumber.of(1));
        world.promote(b, VersionNumber.of(1), Stage.STAGING);
        t.clock.advance(Duration.ofHours(1));
        UiHttp.Session viewer = ui.signIn("viewer");

        String byName = ui.get("/?name=srt-", viewer).body();
        assertThat(listed(byName)).containsExactly("srt-a", "srt-b", "srt-c");
        assertThat(byName).contains("aria-sort=\"ascending\"");
        // the latest version and the Staging holder have their columns, and the last change its date
        String rowB = byName.substring(byName.indexOf(">srt-b<"));
        assertThat(rowB.substring(0, rowB.indexOf("</tr>"))).contains("class=\"latest\"><a href=\"/models/srt-b/versions/1\">v1")
                .contains("badge stage-staging").contains("2026-01-01 03:00:00 UTC");

        // the header links keep the filter, are ordinary links (keyboard-usable) and flip the direction
        String nameDesc = href(byName, "sort-name");
        assertThat(nameDesc).isEqualTo("/?name=srt-&sort=name&dir=desc");
        assertThat(listed(ui.get(nameDesc, viewer).body())).containsExactly("srt-c", "srt-b", "srt-a");
        String modified = href(byName, "sort-modified");
        assertThat(modified).isEqualTo("/?name=srt-&sort=modified&dir=desc");
        String newestFirst = ui.get(modified, viewer).body();
        assertThat(listed(newestFirst)).containsExactly("srt-b", "srt-c", "srt-a");
        assertThat(listed(ui.get(href(newestFirst, "sort-modified"), viewer).body())).containsExactly("srt-a", "srt-c", "srt-b");
        assertThat(listed(ui.get("/?name=srt-&sort=created&dir=asc", viewer).body())).containsExactly("srt-b", "srt-a", "srt-c");
        // the search form carries the order on
        assertThat(newestFirst).contains("name=\"sort\" value=\"modified\"").contains("name=\"dir\" value=\"desc\"");

        HttpResponse<String> bad = ui.get("/?sort=popularity", viewer);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("sorted by name, modified or created");
        assertThat(ui.get("/?sort=name&dir=sideways", viewer).statusCode()).isEqualTo(400);
        assertThat(a.value()).isEqualTo("srt-a");
    }

    @Test
    void versionsAreFilteredComparedAndLinkedToTheirRuns() throws Exception {
        ModelName m = world.model("cmp", "", Map.of());
        register(m, "run/1 a&b", Map.of("auc", 0.91, "f1", 0.8), Map.of("depth", "6"), Map.of("team", "risk"), "s3://models/cmp/1");
        register(m, "run-2", Map.of("auc", 0.93, "f1", 0.8), Map.of("depth", "8", "lr", "0.1"), Map.of(), "https://models.example/cmp/2");
        register(m, "other", Map.of("auc", 0.95), Map.of(), Map.of("team", "fraud"), "javascript:alert(1)");
        world.card(m, VersionNumber.of(1), "# cmp\n\n## Intended use\nScoring.\n");
        world.card(m, VersionNumber.of(2), "# cmp\n\n## Intended use\nScoring and triage.\n");
        evalReport(m, VersionNumber.of(2));
        world.promote(m, VersionNumber.of(2), Stage.STAGING);
        UiHttp.Session viewer = ui.signIn("viewer");

        // filter within the model's versions: by stage, by part of the run id, by tag
        assertThat(table(ui.get("/models/cmp?stage=Staging", viewer).body(), "versions")).contains(">v2<").doesNotContain(">v1<").doesNotContain(">v3<");
        assertThat(table(ui.get("/models/cmp?run=RUN", viewer).body(), "versions")).contains(">v1<").contains(">v2<").doesNotContain(">v3<");
        assertThat(table(ui.get("/models/cmp?tag=team%3Dfraud", viewer).body(), "versions")).contains(">v3<").doesNotContain(">v1<");
        String none = ui.get("/models/cmp?tag=nosuch", viewer).body();
        assertThat(none).contains("No versions match this filter").contains("Show all versions");
        assertThat(ui.get("/models/cmp?stage=Sideways", viewer).statusCode()).isEqualTo(400);

        // compare: metrics and params side by side, differences marked, digests, and the card diff
        HttpResponse<String> compared = ui.get("/models/cmp/compare?v=1&v=2", viewer);
        assertThat(compared.statusCode()).isEqualTo(200);
        String body = compared.body();
        String auc = body.substring(body.indexOf("<th scope=\"row\">auc"));
        assertThat(auc.substring(0, auc.indexOf("</tr>"))).contains("differs").contains("0.91").contains("0.93");
        String f1 = body.substring(body.indexOf("<th scope=\"row\">f1"));
        assertThat(f1.substring(0, f1.indexOf("</tr>"))).doesNotContain("differs");
        assertThat(body).contains("<th scope=\"row\">lr").contains(Digest.sha256Of(bytes("cmp 1")).value())
                .contains(Digest.sha256Of(bytes("cmp 2")).value());
        assertThat(body).contains("<span class=\"removed\"><span class=\"sr\">removed: </span>- Scoring.</span>")
                .contains("<span class=\"added\"><span class=\"sr\">added: </span>+ Scoring and triage.</span>");
        assertThat(ui.get("/models/cmp/compare?v=1", viewer).statusCode()).isEqualTo(400);
        assertThat(ui.get("/models/cmp/compare?v=1,2,3,4,5,6,7", viewer).statusCode()).isEqualTo(400);
        assertThat(ui.get("/models/cmp/compare?v=1&v=99", viewer).statusCode()).isEqualTo(404);

        // the run id goes into the operator's template percent-encoded: it cannot leave its place in the URL
        String v1 = ui.get("/models/cmp/versions/1", viewer).body();
        assertThat(href(v1, "run-link")).isEqualTo("https://mlflow.example/#/experiments/0/runs/run%2F1%20a%26b");
        // an http(s) source is a link; others are text, and a javascript: source is never a link
        assertThat(v1).doesNotContain("id=\"source-link\"");
        assertThat(href(ui.get("/models/cmp/versions/2", viewer).body(), "source-link")).isEqualTo("https://models.example/cmp/2");
        String v3 = ui.get("/models/cmp/versions/3", viewer).body();
        assertThat(v3).contains("javascript:alert(1)").doesNotContain("href=\"javascript:");
        assertThat(ui.get("/models/cmp/compare?v=2&v=3", viewer).body()).doesNotContain("href=\"javascript:");
    }

    @Test
    void theRunUrlTemplateMustBeHttpWithThePlaceholder() {
        assertThat(RunLinks.of(null).link("r")).isEmpty();
        assertThat(RunLinks.of("http://tracking:5000/runs/{run_id}").link("a b")).contains("http://tracking:5000/runs/a%20b");
        for (String bad : List.of("javascript:alert('{run_id}')", "https://mlflow.example/runs/", "ftp://x/{run_id}",
                "/relative/{run_id}", "https://two words/{run_id}")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunLinks.of(bad)).as(bad)
                    .isInstanceOf(dev.regent.core.error.RegentException.class);
        }
        assertThat(RunLinks.sourceLink("JavaScript:alert(1)")).isEmpty();
        assertThat(RunLinks.sourceLink("data:text/html,<script>")).isEmpty();
        assertThat(RunLinks.sourceLink("s3://bucket/x")).isEmpty();
    }

    @Test
    void descriptionsAndTagsAreEditedAfterAPreviewAndNeverOverwriteANewerEdit() {
        ModelName m = world.model("editable", "old words", Map.of("team", "risk", "tier", "2"));
        world.version(m, 1, false);
        UiHttp.Session contributor = ui.signIn("contributor");
        String page = ui.get("/models/editable", contributor).body();
        String readAt = UiHttp.hidden(page.substring(page.indexOf("id=\"edit-model-form\"")), "read");

        HttpResponse<String> preview = post(contributor, "/models/editable/edit", "read", readAt,
                "description", "new words", "tags", "team=credit\nowner=ana\n");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Dry run").contains("id=\"confirm\"");
        assertThat(t.registry.model(UiWorld.CONTRIBUTOR, m).description().text()).isEqualTo("old words");
        // Confirm posts the same inputs again (the tags' line breaks too)
        assertThat(UiHttp.hidden(preview.body(), "tags")).isEqualTo("team=credit\nowner=ana\n");
        HttpResponse<String> done = post(contributor, "/models/editable/edit", "read", readAt,
                "description", "new words", "tags", "team=credit\nowner=ana\n", "confirm", "yes");
        assertThat(done.body()).contains("Done");
        var model = t.registry.model(UiWorld.CONTRIBUTOR, m);
        assertThat(model.description().text()).isEqualTo("new words");
        assertThat(model.tags().values()).containsExactly(Map.entry("owner", "ana"), Map.entry("team", "credit"));

        // the same form, read before that change (in the same millisecond, even), is refused now rather than undoing it
        HttpResponse<String> stale = post(contributor, "/models/editable/edit", "read", readAt,
                "description", "older words", "tags", "team=risk", "confirm", "yes");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("changed after you read it");
        assertThat(t.registry.model(UiWorld.CONTRIBUTOR, m).description().text()).isEqualTo("new words");

        // nothing to change, a malformed tag line: specific errors, nothing changed
        String fresh = dev.regent.server.ui.view.EditStamp.of(t.registry.model(UiWorld.CONTRIBUTOR, m));
        assertThat(post(contributor, "/models/editable/edit", "read", fresh, "description", "new words",
                "tags", "owner=ana\nteam=credit").body()).contains("nothing to change");
        assertThat(post(contributor, "/models/editable/edit", "read", fresh, "description", "x", "tags", "just-a-word")
                .body()).contains("tag line 1 is not key=value");

        // a version's description and tags, the same way
        String vpage = ui.get("/models/editable/versions/1", contributor).body();
        String vRead = UiHttp.hidden(vpage.substring(vpage.indexOf("id=\"edit-version-form\"")), "read");
        assertThat(post(contributor, "/models/editable/versions/1/edit", "read", vRead, "description", "first cut",
                "tags", "candidate=yes", "confirm", "yes").body()).contains("Done");
        var v = t.registry.version(UiWorld.CONTRIBUTOR, m, VersionNumber.of(1));
        assertThat(v.description().text()).isEqualTo("first cut");
        assertThat(v.tags().values()).containsEntry("candidate", "yes");

        // a viewer's forged post is refused and changes nothing; so is one without the CSRF token
        UiHttp.Session viewer = ui.signIn("viewer");
        assertThat(post(viewer, "/models/editable/edit", "read", fresh, "description", "pwned", "tags", "", "confirm", "yes")
                .statusCode()).isEqualTo(403);
        assertThat(viewer.csrf()).isNotNull();
        assertThat(ui.post("/models/editable/edit", contributor, UiHttp.form("read", fresh, "description", "pwned",
                "confirm", "yes"), "Origin", ui.origin()).statusCode()).isEqualTo(403);
        assertThat(t.registry.model(UiWorld.CONTRIBUTOR, m).description().text()).isEqualTo("new words");
        // a viewer sees no editing forms
        assertThat(ui.get("/models/editable", viewer).body()).doesNotContain("edit-model-form").doesNotContain("delete-model-form");
    }

    @Test
    void aModelIsRenamedAndVersionsAndModelsDeletedAfterAPreview() {
        ModelName m = world.model("to-rename", "", Map.of());
        world.version(m, 1, false);
        world.version(m, 2, false);
        evalReport(m, VersionNumber.of(2));
        world.promote(m, VersionNumber.of(2), Stage.STAGING);
        UiHttp.Session contributor = ui.signIn("contributor");

        HttpResponse<String> preview = post(contributor, "/models/to-rename/rename", "to", "renamed", "reason", "clearer name");
        assertThat(preview.body()).contains("Dry run").contains("id=\"confirm\"");
        assertThat(ui.get("/models/to-rename", contributor).statusCode()).isEqualTo(200);
        HttpResponse<String> renamed = post(contributor, "/models/to-rename/rename", "to", "renamed", "reason", "clearer name",
                "confirm", "yes");
        assertThat(renamed.body()).contains("Done").contains("href=\"/models/renamed\" id=\"back\"");
        assertThat(ui.get("/models/to-rename", contributor).statusCode()).isEqualTo(404);
        assertThat(ui.get("/models/renamed", contributor).body()).contains("v2");

        // a version in Staging cannot be deleted: the preview says so, and offers no Confirm
        HttpResponse<String> refused = post(contributor, "/models/renamed/versions/2/delete", "reason", "obsolete");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Refused").doesNotContain("id=\"confirm\"");
        assertThat(post(contributor, "/models/renamed/versions/1/delete", "reason", "").statusCode()).isEqualTo(400);
        assertThat(post(contributor, "/models/renamed/versions/1/delete", "reason", "bad build").body()).contains("Dry run");
        assertThat(post(contributor, "/models/renamed/versions/1/delete", "reason", "bad build", "confirm", "yes").body())
                .contains("Done");
        assertThat(ui.get("/models/renamed/versions/1", contributor).statusCode()).isEqualTo(404);

        // the model goes once nothing of it is live in Staging or Production
        assertThat(post(contributor, "/models/renamed/delete", "reason", "retired").statusCode()).isEqualTo(409);
        world.promote(ModelName.of("renamed"), VersionNumber.of(2), Stage.ARCHIVED);
        assertThat(post(contributor, "/models/renamed/delete", "reason", "retired").body()).contains("Dry run");
        HttpResponse<String> deleted = post(contributor, "/models/renamed/delete", "reason", "retired", "confirm", "yes");
        assertThat(deleted.body()).contains("Done").contains("href=\"/\" id=\"back\"");
        assertThat(ui.get("/models/renamed", contributor).statusCode()).isEqualTo(404);
        // a viewer may not delete
        world.model("keep-me", "", Map.of());
        assertThat(post(ui.signIn("viewer"), "/models/keep-me/delete", "reason", "x", "confirm", "yes").statusCode()).isEqualTo(403);
        assertThat(ui.get("/models/keep-me", contributor).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenIsRevokedAfterAPreviewAndItsSessionsEnd() {
        String secret = t.addPrincipal("dora", new dev.regent.core.access.Grant(dev.regent.core.access.Role.VIEWER, null));
        t.tokens.put("dora", secret);
        UiHttp.Session dora = ui.signIn("dora");
        String own = ui.get("/tokens", dora).body();
        assertThat(own).contains("this session").contains("dora");
        Matcher id = Pattern.compile("name=\"token\" value=\"(tok-[0-9a-f]+)\"").matcher(own);
        assertThat(id.find()).isTrue();
        String tokenId = id.group(1);
        // someone else's tokens are not dora's to list or revoke
        assertThat(ui.get("/tokens?principal=admin", dora).statusCode()).isEqualTo(403);
        String adminToken = t.registry.access().tokens(TestServer.ADMIN, TestServer.ADMIN).get(0).id();
        assertThat(post(dora, "/tokens/revoke", "token", adminToken, "confirm", "yes").statusCode()).isEqualTo(403);

        // an admin sees every token and revokes dora's: first the plan, then Confirm
        UiHttp.Session admin = ui.signIn("admin");
        assertThat(ui.get("/tokens", admin).body()).contains(tokenId).contains(adminToken);
        HttpResponse<String> preview = post(admin, "/tokens/revoke", "token", tokenId);
        assertThat(preview.body()).contains("Dry run").contains("id=\"confirm\"");
        assertThat(ui.get("/tokens", dora).statusCode()).isEqualTo(200);
        assertThat(post(admin, "/tokens/revoke", "token", tokenId, "confirm", "yes").body()).contains("Done");
        // dora's session ended with her token
        HttpResponse<String> after = ui.get("/tokens", dora);
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(ui.get("/tokens?principal=dora", admin).body()).contains("revoked");
        assertThat(post(admin, "/tokens/revoke", "token", "tok-nosuch").statusCode()).isEqualTo(404);
    }

    @Test
    void aRoleIsTakenAwayAfterAPreviewOverTheUiAndTheApiAndNeverTheLastAdmins() {
        String secret = t.addPrincipal("erin", new dev.regent.core.access.Grant(dev.regent.core.access.Role.VIEWER, null));
        t.registry.access().addPrincipal(TestServer.ADMIN, dev.regent.core.model.Principal.of("erin"),
                dev.regent.core.access.PrincipalKind.USER, new dev.regent.core.access.Grant(dev.regent.core.access.Role.CONTRIBUTOR,
                        world.model("erins-model", "", Map.of())), false);
        t.tokens.put("erin", secret);
        UiHttp.Session admin = ui.signIn("admin");
        assertThat(ui.get("/principals", admin).body()).contains("value=\"erin|contributor|erins-model\"");
        // the UI: a preview first, then Confirm
        HttpResponse<String> preview = post(admin, "/principals/revoke", "grant", "erin|contributor|erins-model");
        assertThat(preview.body()).contains("Dry run").contains("id=\"confirm\"");
        assertThat(grantsOf("erin")).contains("contributor on erins-model");
        assertThat(post(admin, "/principals/revoke", "grant", "erin|contributor|erins-model", "confirm", "yes").body())
                .contains("Done");
        assertThat(grantsOf("erin")).doesNotContain("contributor on erins-model").contains("viewer");
        // only admins; a viewer's forged post is refused
        assertThat(post(ui.signIn("viewer"), "/principals/revoke", "grant", "erin|viewer|", "confirm", "yes").statusCode())
                .isEqualTo(403);

        // the API: dry run, apply, no-op, and the rules
        String body = "{\"role\":\"viewer\"}";
        assertThat(t.post("/api/v1/principals/erin/revoke?dry_run=true", "admin", body).statusCode()).isEqualTo(200);
        assertThat(grantsOf("erin")).contains("viewer");
        HttpResponse<String> applied = t.post("/api/v1/principals/erin/revoke", "admin", body);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(grantsOf("erin")).doesNotContain("viewer");
        assertThat(t.get("/api/v1/models", "erin").statusCode()).as("no grant left: nothing to read").isEqualTo(403);
        assertThat(t.tree(t.post("/api/v1/principals/erin/revoke", "admin", body)).at("/summary").asText())
                .contains("does not hold");
        assertThat(t.post("/api/v1/principals/erin/revoke", "contributor", body).statusCode()).isEqualTo(403);
        assertThat(t.post("/api/v1/principals/nobody/revoke", "admin", body).statusCode()).isEqualTo(404);
        assertThat(t.post("/api/v1/principals/erin/revoke", "admin", "{\"role\":\"owner\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> lastAdmin = t.post("/api/v1/principals/admin/revoke", "admin", "{\"role\":\"admin\"}");
        assertThat(lastAdmin.statusCode()).isEqualTo(409);
        assertThat(lastAdmin.body()).contains("only admin");
        assertThat(grantsOf("admin")).contains("admin");
        assertThat(t.get("/api/v1/audit?limit=200", "admin").body()).contains("principal.revoke");
    }

    private String grantsOf(String name) {
        return t.registry.access().principals(TestServer.ADMIN).stream()
                .filter(p -> p.principal().name().equals(name)).findFirst().orElseThrow().grants().toString();
    }

    @Test
    void cardRevisionsAreListedAndDiffed() {
        ModelName m = world.model("carded", "", Map.of());
        VersionNumber v = world.version(m, 1, false);
        world.card(m, v, "# carded\n\n## Intended use\nFirst draft.\n");
        world.card(m, v, "# carded\n\n## Intended use\nSecond draft.\n\n## Limitations\nNone known.\n");
        world.card(m, v, "# carded\n\n## Intended use\nThird draft.\n\n## Limitations\nNone known.\n");
        UiHttp.Session viewer = ui.signIn("viewer");
        assertThat(ui.get("/models/carded/versions/1", viewer).body()).contains("id=\"card-history\"").contains("(3 revisions)");
        String latest = ui.get("/models/carded/versions/1/card/revisions", viewer).body();
        assertThat(latest).contains("Revision 2 → revision 3").contains("- Second draft.").contains("+ Third draft.")
                .doesNotContain("+ None known.");
        String first = ui.get("/models/carded/versions/1/card/revisions?from=1&to=3", viewer).body();
        assertThat(first).contains("- First draft.").contains("+ Third draft.").contains("+ None known.");
        assertThat(ui.get("/models/carded/versions/1/card/revisions?from=3&to=3", viewer).body()).contains("No differences");
        assertThat(ui.get("/models/carded/versions/1/card/revisions?from=9", viewer).statusCode()).isEqualTo(404);
        assertThat(ui.get("/models/carded/versions/1/card/revisions?from=x", viewer).statusCode()).isEqualTo(400);
    }

    @Test
    void anAliasAndAComplianceTagAreRemovedAfterAPreview() {
        ModelName m = world.model("untag", "", Map.of());
        VersionNumber v = world.version(m, 1, true);
        // every alias is gated like Production under the examples' policy: an approver approves it first
        UiWorld.applied(t.registry.decide(dev.regent.core.model.Principal.of("approver"), m, v,
                dev.regent.core.policy.GateTarget.parse("alias:candidate"), dev.regent.core.approval.Decision.APPROVE, "ok", false));
        UiWorld.applied(t.registry.setAlias(UiWorld.CONTRIBUTOR, m, dev.regent.core.model.AliasName.of("candidate"), v,
                dev.regent.core.lifecycle.Reason.of("try"), false));
        UiHttp.Session contributor = ui.signIn("contributor");
        assertThat(ui.get("/models/untag", contributor).body()).contains("id=\"alias-delete-form\"");
        assertThat(post(contributor, "/models/untag/aliases/delete", "alias", "candidate", "reason", "done").body()).contains("Dry run");
        assertThat(t.registry.overview(UiWorld.CONTRIBUTOR, m).aliases()).isNotEmpty();
        assertThat(post(contributor, "/models/untag/aliases/delete", "alias", "candidate", "reason", "done", "confirm", "yes")
                .body()).contains("Done");
        assertThat(t.registry.overview(UiWorld.CONTRIBUTOR, m).aliases()).isEmpty();
        assertThat(post(contributor, "/models/untag/aliases/delete", "alias", "candidate", "reason", "again").statusCode()).isEqualTo(404);

        assertThat(ui.get("/models/untag/versions/1", contributor).body()).contains("/versions/1/tags/remove");
        assertThat(post(contributor, "/models/untag/versions/1/tags/remove", "tag", "bias_checked", "reason", "redo").body())
                .contains("Dry run");
        assertThat(post(ui.signIn("viewer"), "/models/untag/versions/1/tags/remove", "tag", "bias_checked", "reason", "x",
                "confirm", "yes").statusCode()).isEqualTo(403);
        assertThat(t.registry.governance().complianceTags(UiWorld.CONTRIBUTOR, m, v)).hasSize(1);
        assertThat(post(contributor, "/models/untag/versions/1/tags/remove", "tag", "bias_checked", "reason", "redo",
                "confirm", "yes").body()).contains("Done");
        assertThat(t.registry.governance().complianceTags(UiWorld.CONTRIBUTOR, m, v)).isEmpty();
    }

    @Test
    void aFailingGateOffersTheFormThatFixesItBesideItsCommand() {
        ModelName m = world.model("unfixed", "", Map.of());
        world.version(m, 1, false);
        UiHttp.Session contributor = ui.signIn("contributor");
        String page = ui.get("/models/unfixed/versions/1", contributor).body();
        assertThat(page).contains("regent evidence add unfixed 1")
                .contains("<a class=\"fix\" href=\"/models/unfixed/versions/1#evidence-form\">In the UI: Attach an eval report →</a>")
                .contains("href=\"/models/unfixed/versions/1#card-form\">In the UI: Set the model card")
                .contains("id=\"evidence-form\"").contains("id=\"card-form\"");
        // a refused promotion's report offers the same
        HttpResponse<String> refused = post(contributor, "/models/unfixed/versions/1/promote", "to", "Staging", "reason", "try");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("href=\"/models/unfixed/versions/1#evidence-form\">In the UI: Attach an eval report");
        // a viewer is not offered forms it cannot use
        String asViewer = ui.get("/models/unfixed/versions/1", ui.signIn("viewer")).body();
        assertThat(asViewer).doesNotContain("#evidence-form\"").doesNotContain("#card-form\"")
                .contains("href=\"/models/unfixed/versions/1#approvals-h\"");
    }

    private static void register(ModelName m, String run, Map<String, Double> metrics, Map<String, String> params,
                                 Map<String, String> tags, String source) {
        int n = t.registry.overview(UiWorld.CONTRIBUTOR, m).liveVersions() + 1;
        UiWorld.applied(t.registry.registerVersion(UiWorld.CONTRIBUTOR, new NewVersion(m, SourceUri.of(source),
                Digest.sha256Of(bytes(m + " " + n)), new Lineage(run, null, null), Metrics.of(metrics), Params.of(params),
                Description.EMPTY, Tags.of(tags)), false));
    }

    /** What the examples' policy asks for Staging: a passing eval report. */
    private static void evalReport(ModelName m, VersionNumber v) {
        UiWorld.applied(t.registry.addEvidence(UiWorld.CONTRIBUTOR, dev.regent.core.registry.NewEvidence.inline(m, v,
                dev.regent.core.evidence.EvidenceKind.EVAL_REPORT, bytes(UiWorld.read("eval-report.json")), null, "holdout"), false));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ModelCard card(String markdown) {
        return ModelCard.parse(markdown, CardFormat.MARKDOWN);
    }
}
