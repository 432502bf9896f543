package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.server.webhook.Cidr;
import dev.regent.server.webhook.WebhookSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * Every page of the web UI in a real headless Chromium, scanned by axe-core (WCAG 2.2 A and AA rules, colour
 * contrast included) with zero serious or critical violations, and laid out without sideways scrolling from 1024 to
 * 1920 px and readable at a phone's width; and the forms used from the keyboard alone.
 */
class UiAccessibilityTest {
    /** Desktop widths the page must fit without scrolling sideways, and a phone's. */
    static final int[] DESKTOP = {1024, 1366, 1920};
    static final int PHONE = 390;

    private static TestServer t;
    private static Browser browser;
    private static WebhookReceiver receiver;
    private static String hookId;

    @BeforeAll
    static void start() throws Exception {
        receiver = WebhookReceiver.start();
        WebhookSettings settings = WebhookSettings.defaults(List.of(Cidr.parse("127.0.0.1/32"))).withPoll(java.time.Duration.ofMillis(50));
        t = TestServer.configured(UiWorld.policy(), c -> c.withRunLinks(dev.regent.server.ui.RunLinks.of("https://mlflow.example/#/runs/{run_id}")),
                server -> server.webhooks(settings));
        // a webhook first, so that the changes below leave it a delivery history with attempts
        var created = t.post("/api/v1/webhooks", "admin", "{\"url\":\"" + receiver.url()
                + "\",\"events\":[\"*\"],\"description\":\"deployments\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        hookId = t.tree(created).get("id").asText();
        UiWorld world = new UiWorld(t);
        ModelName m = world.model("credit-scorer", "Scores consumer loan applications", Map.of("team", "credit-risk", "tier", "1"));
        world.model("fraud-detector", "Flags card fraud", Map.of("team", "payments"));
        VersionNumber v1 = world.version(m, 1, true);
        VersionNumber v2 = world.version(m, 2, true);
        world.card(m, v2, UiWorld.read("card.md") + "\nRetrained on 2026 data.\n");
        world.approve(m, v1, "approver");
        world.promote(m, v1, Stage.PRODUCTION);
        world.approve(m, v2, "approver2");
        world.promote(m, v2, Stage.STAGING);
        UiWorld.applied(t.registry.policies().apply(TestServer.ADMIN, dev.regent.core.policy.PolicyParser.parse(
                UiWorld.policy().replace("count: 2,", "count: 3,"), "second.yaml"),
                dev.regent.core.lifecycle.Reason.of("three approvers for fraud models"), false));
        for (int i = 0; i < 300 && receiver.received.size() < 5; i++) {
            Thread.sleep(50);
        }
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
    void everyPagePassesAxeAndFitsFrom1024To1920PixelsAndAPhone() throws Exception {
        List<String> problems = new ArrayList<>();
        browser.reset();
        browser.go("/sign-in");
        check("sign-in", problems);
        browser.signIn(t.tokens.get("admin"));
        for (String page : List.of("/", "/?sort=modified&dir=desc", "/models/credit-scorer", "/models/credit-scorer?stage=Staging",
                "/models/credit-scorer/versions/1", "/models/credit-scorer/versions/2", "/models/credit-scorer/compare?v=1&v=2",
                "/models/credit-scorer/versions/2/card/revisions", "/audit", "/policy", "/principals", "/tokens",
                "/models/nosuch", "/?sort=popularity", "/webhooks", "/webhooks/" + hookId, "/policy/diff",
                "/policy/diff?from=2&to=1", "/policy?revision=1")) {
            browser.go(page);
            check(page, problems);
        }
        // the pages forms lead to: a dry-run preview, a refusal, and a new token's page
        browser.go("/models/credit-scorer/versions/2");
        new Select(browser.find("#promote-form select[name=to]")).selectByVisibleText("Production");
        browser.type("#promote-form input[name=reason]", "better auc");
        browser.click("#preview-promote");
        check("promotion preview", problems);
        browser.go("/models/credit-scorer/versions/2");
        browser.type("#delete-version-form input[name=reason]", "obsolete");
        browser.click("#preview-delete-version");
        check("refused deletion", problems);
        browser.go("/principals");
        browser.type("#token-form input[name=principal]", "viewer");
        browser.click("#token-form button");
        check("new token", problems);
        // a webhook's test ping: its preview, and the page with the ping's result first in the delivery history
        browser.go("/webhooks/" + hookId);
        assertThat(browser.present("table.deliveries tbody tr")).isTrue();
        browser.click("#preview-ping");
        check("test ping preview", problems);
        browser.click("#confirm");
        assertThat(browser.present("#ping-row")).isTrue();
        check("test ping result", problems);
        // a redelivery's preview
        browser.go("/webhooks/" + hookId);
        browser.click("table.deliveries tbody tr button");
        check("redelivery preview", problems);
        // creating a webhook: the form (on /webhooks, scanned above), its preview, its secret's page; then the
        // previews of disabling and deleting it
        browser.go("/webhooks");
        browser.type("#webhook-form input[name=url]", receiver.url() + "?second");
        browser.click("#preview-webhook");
        check("webhook creation preview", problems);
        browser.click("#confirm");
        assertThat(browser.present("#secret")).isTrue();
        check("new webhook", problems);
        browser.click("#to-webhook");
        browser.click("#preview-toggle");
        check("webhook disable preview", problems);
        browser.go("/webhooks/" + hookId);
        browser.click("#preview-delete-webhook");
        check("webhook delete preview", problems);
        // the model page's event feed: its first page is scanned above; an older page here
        long second = t.tree(t.get("/api/v1/events?model=credit-scorer&limit=2", "admin")).at("/events/1/seq").asLong();
        browser.go("/models/credit-scorer?events_before=" + (second + 1));
        assertThat(browser.present("table#events")).isTrue();
        check("older events", problems);
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void theScanWouldCatchFaintTextAndAnUnlabelledField() {
        // the scan itself is checked: a page made worse on purpose must fail it
        browser.reset();
        browser.go("/sign-in");
        assertThat(Axe.seriousViolations(browser.driver)).isEmpty();
        browser.driver.executeScript("""
                var p = document.createElement('p'); p.textContent = 'faint words'; p.style.color = '#d0d0d0';
                document.querySelector('main').appendChild(p);
                var i = document.createElement('input'); document.querySelector('main').appendChild(i);
                """);
        assertThat(String.join("\n", Axe.seriousViolations(browser.driver))).contains("color-contrast").contains("label");
    }

    /** axe at the usual width, then the layout at each desktop width and a phone's. */
    private static void check(String page, List<String> problems) {
        try {
            for (String v : Axe.seriousViolations(browser.driver)) {
                problems.add(page + ": " + v);
            }
            for (int width : DESKTOP) {
                viewport(width, 900);
                long overflow = overflow();
                if (overflow > 0) {
                    problems.add(page + ": scrolls sideways by " + overflow + " px at " + width + " px, because of " + culprits());
                }
            }
            viewport(PHONE, 844);
            // on a phone the page itself never scrolls sideways: wide tables scroll inside their own box
            long overflow = overflow();
            if (overflow > 0) {
                problems.add(page + ": scrolls sideways by " + overflow + " px on a " + PHONE + " px phone, because of " + culprits());
            }
            long text = ((Number) browser.driver.executeScript(
                    "return parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")).longValue();
            if (text < 14) {
                problems.add(page + ": text is " + text + " px on a phone");
            }
        } finally {
            browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static void viewport(int width, int height) {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** The innermost elements reaching past the viewport's right edge, to say what to fix. */
    private static Object culprits() {
        return browser.driver.executeScript("""
                var w = document.documentElement.clientWidth, out = [];
                document.querySelectorAll('body *').forEach(function (e) {
                  if (e.getBoundingClientRect().right > w + 1 && !Array.from(e.children).some(function (c) {
                        return c.getBoundingClientRect().right > w + 1; })) {
                    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
                  }
                });
                return out.slice(0, 6).join(', ');
                """);
    }

    private static long overflow() {
        return ((Number) browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
    }

    @Test
    void theFormsWorkFromTheKeyboardAlone() throws Exception {
        browser.reset();
        browser.go("/sign-in");
        // sign in: the token field has focus or is the first stop, and Enter submits
        browser.find("#token").sendKeys(t.tokens.get("viewer"), Keys.ENTER);
        waitFor(() -> browser.present("#principal"));
        // the skip link is the first stop and leads to the content
        browser.go("/");
        browser.find("body").sendKeys(Keys.TAB);
        assertThat(activeText()).isEqualTo("Skip to content");
        // the sort headers are links: reached with Tab, followed with Enter
        tabTo("sort-modified");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(() -> browser.driver.getCurrentUrl().contains("sort=modified"));
        assertThat(browser.find("th[aria-sort=descending]").getText()).containsIgnoringCase("Last modified");
        // the search filters submit with Enter
        browser.find("form.filters input[name=name]").sendKeys("fraud", Keys.ENTER);
        waitFor(() -> browser.driver.getCurrentUrl().contains("name=fraud"));
        assertThat(browser.text("table.models")).contains("fraud-detector").doesNotContain("credit-scorer");
        // compare two versions with Space on the checkboxes and Enter on the button
        browser.go("/models/credit-scorer");
        browser.find("input[name=v][value='1']").sendKeys(Keys.SPACE);
        browser.find("input[name=v][value='2']").sendKeys(Keys.SPACE);
        browser.find("#compare").sendKeys(Keys.ENTER);
        waitFor(() -> browser.driver.getCurrentUrl().contains("/compare"));
        assertThat(browser.text("h1")).isEqualTo("Compare versions of credit-scorer");
        // the policy diff: pick revisions with the arrow keys, show them with Enter
        browser.go("/policy/diff");
        browser.find("#policy-diff-form select[name=from]").sendKeys(Keys.ARROW_DOWN);
        browser.find("#show-policy-diff").sendKeys(Keys.ENTER);
        waitFor(() -> browser.driver.getCurrentUrl().contains("from=2"));
        assertThat(browser.text("h1")).isEqualTo("Policy revision 2 → revision 2");
        // focus is visible: a focused link draws an outline
        browser.find("a.brand").sendKeys("");
        browser.driver.executeScript("document.querySelector('main a').focus()");
        String outline = (String) browser.driver.executeScript(
                "return getComputedStyle(document.activeElement).outlineStyle");
        assertThat(outline).isNotEqualTo("none");
    }

    @Test
    void aTestPingIsSentFromTheKeyboardAlone() throws Exception {
        browser.reset();
        browser.go("/sign-in");
        browser.find("#token").sendKeys(t.tokens.get("admin"), Keys.ENTER);
        waitFor(() -> browser.present("#principal"));
        browser.go("/webhooks");
        tabToElement("a[href='/webhooks/" + hookId + "']");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(() -> browser.present("#preview-ping"));
        int pings = receiver.pings().size();
        tabTo("preview-ping");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(() -> browser.present("#confirm"));
        tabTo("confirm");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(() -> browser.present("#ping-row"));
        assertThat(receiver.pings()).hasSize(pings + 1);
    }

    /** Tabs until the element matching {@code css} has focus. */
    private static void tabToElement(String css) {
        org.openqa.selenium.WebElement target = browser.find(css);
        for (int i = 0; i < 60; i++) {
            if (target.equals(browser.driver.switchTo().activeElement())) {
                return;
            }
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + css);
    }

    private static String activeText() {
        return browser.driver.switchTo().activeElement().getText();
    }

    private static void tabTo(String id) {
        for (int i = 0; i < 60; i++) {
            if (id.equals(browser.driver.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(15))
                .until(d -> condition.getAsBoolean());
    }
}
