package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.ModelName;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit page's "verify now": a clean log verifies; an edited audit row is found and named, on the page. */
class UiAuditVerifyTest {
    private TestServer t;
    private UiHttp ui;

    @BeforeEach
    void start() throws Exception {
        t = new TestServer(UiWorld.policy());
        ui = new UiHttp(t);
        UiWorld world = new UiWorld(t);
        ModelName m = world.model("audited", "", Map.of());
        world.version(m, 1, true);
        t.audit.signNow();
    }

    @AfterEach
    void stop() throws Exception {
        t.close();
    }

    @Test
    void verifyNowRecomputesTheLogAndNamesAnEditedEntry() throws Exception {
        UiHttp.Session admin = ui.signIn("admin");
        HttpResponse<String> page = ui.get("/audit", admin);
        assertThat(page.body()).contains("Latest signed checkpoint").contains("id=\"verify-now\"");
        HttpResponse<String> clean = ui.get("/audit?verify=now", admin);
        assertThat(clean.body()).contains("id=\"verify-result\"").contains("Verified now");

        // someone with the database file drops the append-only triggers and edits a signed entry's reason column
        t.tamperAuditColumn(3, "reason", "nothing to see");
        HttpResponse<String> tampered = ui.get("/audit?verify=now", admin);
        assertThat(tampered.body()).contains("Verification failed").contains("from entry 3");
        // a viewer with a grant on one model only is offered no whole-log verification
        t.addPrincipal("narrow", new dev.regent.core.access.Grant(dev.regent.core.access.Role.VIEWER, ModelName.of("audited")));
        UiHttp.Session narrow = ui.signIn("narrow");
        HttpResponse<String> own = ui.get("/audit?model=audited&verify=now", narrow);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).doesNotContain("verify-result").doesNotContain("verify-now");
    }
}
