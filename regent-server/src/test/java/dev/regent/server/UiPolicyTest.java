package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The policy in the web UI: everyone signed in reads the revision in effect, its gates (and that undeclared aliases
 * are gated like Production) and the history; only admins get the apply form, and applying is a preview (diff and
 * impact, nothing changed) before a confirmed post records a new revision.
 */
class UiPolicyTest {
    private static TestServer t;
    private static UiHttp ui;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(null);
        ui = new UiHttp(t);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    private static HttpResponse<String> post(UiHttp.Session s, String... fields) {
        String[] all = new String[fields.length + 2];
        all[0] = "csrf";
        all[1] = s.csrf();
        System.arraycopy(fields, 0, all, 2, fields.length);
        return ui.post("/policy", s, UiHttp.form(all), "Origin", ui.origin());
    }

    @Test
    void everyoneReadsThePolicyAndOnlyAdminsApplyAfterAPreview() {
        UiHttp.Session viewer = ui.signIn("viewer");
        HttpResponse<String> page = ui.get("/policy", viewer);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Revision 1").contains("in effect").contains("every other alias")
                .contains("gated like Production").contains("built-in default").doesNotContain("id=\"policy-form\"");
        assertThat(post(viewer, "yaml", "version: 1\n", "reason", "mine").statusCode()).isEqualTo(403);

        UiHttp.Session admin = ui.signIn("admin");
        assertThat(ui.get("/policy", admin).body()).contains("id=\"policy-form\"");
        HttpResponse<String> preview = post(admin, "yaml", "version: 1\n", "reason", "lift every gate");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Dry run").contains("- default.stages.Production").contains("id=\"confirm\"");
        assertThat(t.registry.policies().inEffect().revision().number()).isEqualTo(1);

        HttpResponse<String> confirmed = post(admin, "yaml", "version: 1\n", "reason", "lift every gate", "confirm", "yes");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(t.registry.policies().inEffect().revision().number()).isEqualTo(2);
        assertThat(t.registry.policies().inEffect().revision().appliedBy().name()).isEqualTo("admin");
        HttpResponse<String> after = ui.get("/policy", viewer);
        assertThat(after.body()).contains("Revision 2").contains("lift every gate").contains("href=\"/policy?revision=1\"");
        assertThat(ui.get("/policy?revision=1", viewer).body()).contains("Revision 1").contains("not in effect");
        assertThat(ui.get("/policy?revision=x", viewer).statusCode()).isEqualTo(400);
        HttpResponse<String> broken = post(admin, "yaml", "default: {stages: {Prod: []}}", "reason", "typo");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(t.registry.policies().inEffect().revision().number()).isEqualTo(2);
    }
}
