package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.core.access.Grant;
import dev.regent.core.access.Role;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.PolicyDiff;
import dev.regent.core.policy.PolicyParser;
import dev.regent.server.webhook.Cidr;
import dev.regent.server.webhook.Signatures;
import dev.regent.server.webhook.WebhookSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 20's last items in a real headless Chromium (and over raw HTTP for the forged requests): a webhook's test
 * ping previewed, confirmed, received signed by a real receiver and shown in the page's delivery history, and refused
 * to anyone who does not administer the webhook; the model page's event feed, newest first, the same events as
 * {@code GET /api/v1/events}, paged, each linking to its audit entry, and only the model's (a principal granted on one
 * model does not see the events of another whose name starts the same); the diff between two policy revisions.
 */
class UiWebhooksEventsPolicyTest {
    private static final ModelName SCORER = ModelName.of("credit-scorer");
    private static final ModelName SHADOW = ModelName.of("credit-scorer-shadow");
    private static final ModelName BUSY = ModelName.of("busy");
    private static TestServer t;
    private static WebhookReceiver receiver;
    private static Browser browser;
    private static UiHttp ui;
    private static String hookId;
    private static String secret;

    @BeforeAll
    static void start() throws Exception {
        receiver = WebhookReceiver.start();
        WebhookSettings settings = WebhookSettings.defaults(List.of(Cidr.parse("127.0.0.1/32")))
                .withPoll(Duration.ofMillis(50)).withNode("ui-node");
        t = TestServer.configured(UiWorld.policy(), server -> server.webhooks(settings));
        ui = new UiHttp(t);
        HttpResponse<String> created = t.post("/api/v1/webhooks", "admin",
                "{\"url\":\"" + receiver.url() + "\",\"events\":[\"*\"],\"description\":\"deployments\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        hookId = t.tree(created).get("id").asText();
        secret = t.tree(created).get("secret").asText();

        UiWorld world = new UiWorld(t);
        world.model(SCORER.value(), "Scores loans", Map.of("team", "credit-risk"));
        world.model(SHADOW.value(), "Shadow of the scorer", Map.of("team", "secret-team"));
        VersionNumber v1 = world.version(SCORER, 1, true);
        world.approve(SCORER, v1, "approver");
        world.promote(SCORER, v1, Stage.PRODUCTION);
        VersionNumber s1 = world.version(SHADOW, 1, true);
        UiWorld.applied(t.registry.promote(UiWorld.CONTRIBUTOR, SHADOW, s1, Stage.STAGING, Reason.of("shadow-only reason"), false));
        world.model(BUSY.value(), "Many versions", Map.of());
        for (int n = 1; n <= 25; n++) {
            world.version(BUSY, n, false);
        }
        // a viewer of the scorer alone
        t.addPrincipal("solo", new Grant(Role.VIEWER, SCORER));
        await(() -> receiver.received.size() >= 5);
        browser = Browser.open("http://127.0.0.1:" + t.port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        t.close();
        receiver.close();
    }

    @Test
    void aTestPingIsPreviewedThenSentSignedAndShownInTheDeliveryHistory() throws Exception {
        browser.reset();
        browser.signIn(t.tokens.get("admin"));
        browser.go("/webhooks");
        browser.click("a[href='/webhooks/" + hookId + "']");
        assertThat(browser.text("h1")).isEqualTo("Webhook " + hookId);
        int stored = browser.driver.findElements(By.cssSelector("table.deliveries tbody tr")).size();
        assertThat(stored).isPositive();

        int pings = receiver.pings().size();
        browser.click("#preview-ping");
        assertThat(browser.text("#outcome")).contains("Dry run");
        assertThat(browser.body()).contains(receiver.url()).contains("webhook.ping");
        // the preview sent nothing
        assertThat(receiver.pings()).hasSize(pings);

        browser.click("#confirm");
        assertThat(receiver.pings()).hasSize(pings + 1);
        WebhookReceiver.Received ping = receiver.pings().get(pings);
        JsonNode body = t.json.readTree(ping.body());
        assertThat(body.get("type").asText()).isEqualTo("webhook.ping");
        assertThat(body.at("/data/webhook_id").asText()).isEqualTo(hookId);
        assertThat(ping.header("webhook-signature")).contains("v1," + Signatures.standard(secret, ping.header("webhook-id"),
                ping.header("webhook-timestamp"), ping.body()));
        // the page answers with the ping first in the delivery history: its id, the event, what the receiver said
        assertThat(browser.text("#ping-result")).contains("ping answered").contains(ping.header("webhook-id"));
        String row = browser.text("#ping-row");
        assertThat(row).contains(ping.header("webhook-id")).contains("webhook.ping").contains("HTTP 204").contains("ui-node");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.deliveries tbody tr"));
        assertThat(rows.get(0).getAttribute("id")).isEqualTo("ping-row");
        assertThat(rows).hasSize(stored + 1);
        browser.screenshot("webhook");
        // pings are not stored: the page read again shows the stored deliveries only
        browser.go("/webhooks/" + hookId);
        assertThat(browser.present("#ping-row")).isFalse();
        // a delivery's event number leads to its audit entry
        WebElement first = browser.find("table.deliveries tbody tr td:nth-child(2) a");
        String seq = first.getText();
        browser.click("table.deliveries tbody tr td:nth-child(2) a");
        assertThat(browser.driver.getCurrentUrl()).contains("/audit?").endsWith("#seq-" + seq);
        assertThat(browser.present("tr#seq-" + seq)).isTrue();
    }

    @Test
    void onlyTheWebhooksAdministratorsMayPingIt() {
        int pings = receiver.pings().size();
        for (String who : List.of("viewer", "contributor", "approver", "solo")) {
            UiHttp.Session s = ui.signIn(who);
            assertThat(ui.get("/webhooks", s).body()).as(who).doesNotContain(hookId).doesNotContain(receiver.url());
            assertThat(ui.get("/webhooks/" + hookId, s).statusCode()).as(who).isEqualTo(404);
            HttpResponse<String> forged = ui.post("/webhooks/" + hookId + "/test", s,
                    UiHttp.form("csrf", s.csrf(), "confirm", "yes"), "Origin", ui.origin());
            assertThat(forged.statusCode()).as(who).isEqualTo(404);
            assertThat(forged.body()).doesNotContain(receiver.url());
        }
        UiHttp.Session admin = ui.signIn("admin");
        // without the CSRF token, or from another site, not even an admin's browser pings
        assertThat(ui.post("/webhooks/" + hookId + "/test", admin, UiHttp.form("confirm", "yes"), "Origin", ui.origin())
                .statusCode()).isEqualTo(403);
        assertThat(ui.post("/webhooks/" + hookId + "/test", admin, UiHttp.form("csrf", admin.csrf(), "confirm", "yes"),
                "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(ui.post("/webhooks/wh_nosuch/test", admin, UiHttp.form("csrf", admin.csrf(), "confirm", "yes"),
                "Origin", ui.origin()).statusCode()).isEqualTo(404);
        assertThat(receiver.pings()).hasSize(pings);
        // the API's ping is the same operation under the same rule
        assertThat(t.post("/api/v1/webhooks/" + hookId + "/test", "viewer", null).statusCode()).isEqualTo(404);
        assertThat(receiver.pings()).hasSize(pings);
        HttpResponse<String> api = t.post("/api/v1/webhooks/" + hookId + "/test", "admin", null);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(t.tree(api).get("status_code").asInt()).isEqualTo(204);
        assertThat(receiver.pings()).hasSize(pings + 1);
        assertThat(receiver.pings().get(pings).header("webhook-id")).isEqualTo(t.tree(api).get("delivery_id").asText());
    }

    @Test
    void aWebhookIsCreatedDisabledAndDeletedAfterEachPreview() {
        browser.reset();
        browser.signIn(t.tokens.get("admin"));
        browser.go("/webhooks");
        int before = t.registry.webhooks().list(TestServer.ADMIN, null).size();
        browser.type("#webhook-form input[name=url]", receiver.url() + "?from=ui");
        browser.type("#webhook-form input[name=events]", "model_version.stage_transitioned, approval.given");
        browser.type("#webhook-form input[name=description]", "made in the browser");
        browser.click("#preview-webhook");
        assertThat(browser.text("#outcome")).contains("Dry run");
        assertThat(t.registry.webhooks().list(TestServer.ADMIN, null)).hasSize(before);
        browser.click("#confirm");
        String secret = browser.text("#secret");
        assertThat(secret).startsWith("whsec_");
        browser.click("#to-webhook");
        String id = browser.driver.getCurrentUrl().substring(browser.driver.getCurrentUrl().lastIndexOf('/') + 1);
        var made = t.registry.webhooks().get(TestServer.ADMIN, id);
        assertThat(made.events()).containsExactlyInAnyOrder("model_version.stage_transitioned", "approval.given");
        assertThat(made.description()).isEqualTo("made in the browser");
        assertThat(browser.body()).contains("made in the browser").doesNotContain(secret);
        // the secret is never shown again, nor kept in the audit log's reads
        assertThat(ui.get("/webhooks", ui.signIn("admin")).body()).doesNotContain(secret);

        browser.click("#preview-toggle");
        assertThat(browser.text("#outcome")).contains("Dry run");
        assertThat(t.registry.webhooks().get(TestServer.ADMIN, id).enabled()).isTrue();
        browser.click("#confirm");
        assertThat(t.registry.webhooks().get(TestServer.ADMIN, id).enabled()).isFalse();
        browser.go("/webhooks/" + id);
        assertThat(browser.text("#preview-toggle")).isEqualTo("Enable…");

        browser.click("#preview-delete-webhook");
        assertThat(browser.text("#outcome")).contains("Dry run");
        browser.click("#confirm");
        assertThat(browser.text("#outcome")).contains("Done");
        assertThat(t.registry.webhooks().list(TestServer.ADMIN, null)).hasSize(before);
        assertThat(ui.get("/webhooks/" + id, ui.signIn("admin")).statusCode()).isEqualTo(404);
    }

    @Test
    void creatingAWebhookIsTheRegistrysDecisionAndTheDestinationRulesHold() {
        int before = t.registry.webhooks().list(TestServer.ADMIN, null).size();
        // the metadata address and a private range are refused, whoever asks
        UiHttp.Session admin = ui.signIn("admin");
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.8/hook")) {
            HttpResponse<String> refused = ui.post("/webhooks", admin, UiHttp.form("csrf", admin.csrf(), "url", url, "confirm", "yes"),
                    "Origin", ui.origin());
            assertThat(refused.statusCode()).as(url).isBetween(400, 499);
            assertThat(refused.body()).as(url).contains("Refused").doesNotContain("id=\"secret\"");
        }
        // a viewer gets no form, and a forged post creates nothing
        for (String who : List.of("viewer", "contributor", "solo")) {
            UiHttp.Session s = ui.signIn(who);
            assertThat(ui.get("/webhooks", s).body()).as(who).doesNotContain("id=\"webhook-form\"");
            HttpResponse<String> forged = ui.post("/webhooks", s, UiHttp.form("csrf", s.csrf(), "url", receiver.url(),
                    "model", SCORER.value(), "confirm", "yes"), "Origin", ui.origin());
            assertThat(forged.statusCode()).as(who).isBetween(403, 404);
            assertThat(forged.body()).as(who).doesNotContain("whsec_");
        }
        assertThat(t.registry.webhooks().list(TestServer.ADMIN, null)).hasSize(before);
        // a model's admin creates its webhooks, not registry-wide ones
        t.addPrincipal("owner", new Grant(Role.ADMIN, SHADOW));
        UiHttp.Session owner = ui.signIn("owner");
        assertThat(ui.get("/webhooks", owner).body()).contains("id=\"webhook-form\"").doesNotContain(hookId);
        assertThat(ui.post("/webhooks", owner, UiHttp.form("csrf", owner.csrf(), "url", receiver.url(), "confirm", "yes"),
                "Origin", ui.origin()).statusCode()).isEqualTo(403);
        HttpResponse<String> own = ui.post("/webhooks", owner, UiHttp.form("csrf", owner.csrf(), "url", receiver.url(),
                "model", SHADOW.value(), "confirm", "yes"), "Origin", ui.origin());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("whsec_");
        assertThat(t.registry.webhooks().list(TestServer.ADMIN, SHADOW)).hasSize(1);
        // unknown event names are bad input, with nothing created
        HttpResponse<String> bad = ui.post("/webhooks", owner, UiHttp.form("csrf", owner.csrf(), "url", receiver.url(),
                "model", SHADOW.value(), "events", "model.nonsense", "confirm", "yes"), "Origin", ui.origin());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(t.registry.webhooks().list(TestServer.ADMIN, SHADOW)).hasSize(1);
    }

    @Test
    void theModelPageListsItsEventsNewestFirstLikeTheFeedWithLinksToTheAuditLog() {
        browser.reset();
        browser.signIn(t.tokens.get("viewer"));
        browser.go("/models/" + SCORER);
        List<Long> shown = seqsShown();
        List<Long> feed = apiFeed("viewer", SCORER);
        assertThat(shown).isNotEmpty().isEqualTo(reversed(feed));
        // the newest is the promotion to Production, with its actor and reason
        WebElement newest = browser.find("table#events tbody tr");
        assertThat(newest.getText()).contains("model_version.stage_transitioned").contains("contributor").contains("seeded")
                .contains("credit-scorer/1");
        // its number leads to its entry in the audit log
        long seq = shown.get(0);
        browser.click("table#events tbody tr a");
        assertThat(browser.driver.getCurrentUrl()).contains("/audit?model=credit-scorer&before=" + (seq + 1)).endsWith("#seq-" + seq);
        assertThat(browser.text("tr#seq-" + seq)).contains("stage.transition").contains("seeded");
    }

    @Test
    void aLongFeedIsPagedWithoutGapsOrRepeats() {
        browser.reset();
        browser.signIn(t.tokens.get("viewer"));
        browser.go("/models/" + BUSY);
        List<Long> all = new ArrayList<>(seqsShown());
        assertThat(all).hasSize(20);
        assertThat(browser.present("#newest-events")).isFalse();
        browser.click("#older-events");
        all.addAll(seqsShown());
        assertThat(browser.present("#newest-events")).isTrue();
        while (browser.present("#older-events")) {
            browser.click("#older-events");
            all.addAll(seqsShown());
        }
        // 1 model creation and 25 versions, each once, newest first
        assertThat(all).isEqualTo(reversed(apiFeed("viewer", BUSY))).hasSize(26);
        browser.click("#newest-events");
        assertThat(seqsShown().get(0)).isEqualTo(all.get(0));
        assertThat(ui.get("/models/busy?events_before=x", ui.signIn("viewer")).statusCode()).isEqualTo(400);
    }

    @Test
    void aPrincipalGrantedOnOneModelSeesOnlyThatModelsEvents() {
        UiHttp.Session solo = ui.signIn("solo");
        HttpResponse<String> page = ui.get("/models/" + SCORER, solo);
        assertThat(page.statusCode()).isEqualTo(200);
        String events = page.body().substring(page.body().indexOf("id=\"events-h\""));
        assertThat(events).contains("model_version.stage_transitioned").contains("credit-scorer/1")
                // the other model's name starts the same: none of its events, nor its reasons, leak into this feed
                .doesNotContain("credit-scorer-shadow").doesNotContain("shadow-only reason");
        assertThat(ui.get("/models/" + SHADOW, solo).statusCode()).isEqualTo(404);
        assertThat(ui.get("/models/" + SHADOW + "?events_before=1000000", solo).statusCode()).isEqualTo(404);
        // the numbers link to the model's audit entries, which this principal may read
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/audit\\?model=credit-scorer&amp;before=(\\d+))#seq-\\d+\"")
                .matcher(events);
        assertThat(link.find()).isTrue();
        HttpResponse<String> entry = ui.get(link.group(1).replace("&amp;", "&"), solo);
        assertThat(entry.statusCode()).isEqualTo(200);
        assertThat(entry.body()).contains("id=\"seq-" + (Long.parseLong(link.group(2)) - 1) + "\"").doesNotContain("shadow");
                // paging back from anywhere stays within the model
        assertThat(ui.get("/models/" + SCORER + "?events_before=1000000", solo).body()).doesNotContain("shadow");
        // an admin sees the shadow's events on its own page
        HttpResponse<String> shadow = ui.get("/models/" + SHADOW, ui.signIn("admin"));
        assertThat(shadow.body().substring(shadow.body().indexOf("id=\"events-h\""))).contains("shadow-only reason");
    }

    @Test
    void twoPolicyRevisionsAreComparedInMeaningAndText() throws Exception {
        String second = UiWorld.policy().replace("count: 2, roles: [approver]", "count: 3, roles: [approver]");
        UiWorld.applied(t.registry.policies().apply(TestServer.ADMIN, PolicyParser.parse(second, "second.yaml"),
                Reason.of("three approvers for fraud"), false));
        // the third means what the first meant, written differently
        String third = "# reviewed by the risk board\n" + UiWorld.policy();
        UiWorld.applied(t.registry.policies().apply(TestServer.ADMIN, PolicyParser.parse(third, "third.yaml"),
                Reason.of("back to two approvers"), false));
        List<String> expected = PolicyDiff.between(PolicyParser.parse(UiWorld.policy(), "a"), PolicyParser.parse(second, "b"));
        assertThat(expected).isNotEmpty();

        browser.reset();
        browser.signIn(t.tokens.get("viewer"));
        browser.go("/policy");
        browser.click("a[href='/policy/diff?from=1&to=2']");
        assertThat(browser.text("h1")).isEqualTo("Policy revision 1 → revision 2");
        // the canonical lines, as policy apply's dry run shows them
        List<String> lines = meaningLines();
        assertThat(lines).isEqualTo(expected);
        assertThat(browser.text("#text-diff")).contains("- ").contains("count: 2").contains("+ ").contains("count: 3");
        browser.screenshot("policy-diff");

        // the other way round, picked from the form
        new Select(browser.find("#policy-diff-form select[name=from]")).selectByValue("2");
        new Select(browser.find("#policy-diff-form select[name=to]")).selectByValue("1");
        browser.click("#show-policy-diff");
        assertThat(browser.driver.getCurrentUrl()).contains("from=2").contains("to=1");
        List<String> back = meaningLines();
        assertThat(back).containsExactlyInAnyOrderElementsOf(expected.stream()
                .map(l -> (l.startsWith("-") ? "+" : "-") + l.substring(1)).toList());

        // by default the page compares the last change
        browser.go("/policy/diff");
        assertThat(browser.text("h1")).isEqualTo("Policy revision 2 → revision 3");
        assertThat(meaningLines()).containsExactlyInAnyOrderElementsOf(back);
        // a comment changes the text, not what the gates require
        browser.go("/policy/diff?from=1&to=3");
        assertThat(browser.present("#no-meaning-diff")).isTrue();
        assertThat(browser.text("#text-diff")).contains("+ # reviewed by the risk board");

        UiHttp.Session viewer = ui.signIn("viewer");
        HttpResponse<String> bad = ui.get("/policy/diff?from=x&to=2", viewer);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("is a policy revision number");
        assertThat(ui.get("/policy/diff?from=1&to=99", viewer).statusCode()).isEqualTo(404);
        assertThat(ui.get("/policy/diff?from=1&to=2", null).statusCode()).isEqualTo(303);
    }

    /** The canonical diff's lines as shown, without the words only a screen reader hears ("removed: ", "added: "). */
    private static List<String> meaningLines() {
        return browser.driver.findElements(By.cssSelector("#meaning-diff > span")).stream()
                .map(e -> e.getAttribute("textContent").replaceFirst("^(removed|added): ", "")).toList();
    }

    private static List<Long> seqsShown() {
        return browser.driver.findElements(By.cssSelector("table#events tbody tr td:first-child a")).stream()
                .map(a -> Long.parseLong(a.getText().trim())).toList();
    }

    /** The model's events as {@code GET /api/v1/events?model=} serves them to {@code who}, oldest first. */
    private static List<Long> apiFeed(String who, ModelName model) {
        JsonNode page = t.tree(t.get("/api/v1/events?limit=1000&model=" + model, who));
        List<Long> out = new ArrayList<>();
        page.get("events").forEach(e -> out.add(e.get("seq").asLong()));
        return out;
    }

    private static List<Long> reversed(List<Long> list) {
        List<Long> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition met within the wait").isTrue();
    }
}
