package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in a real headless Chromium: the governed lifecycle of the examples carried through entirely in the
 * browser — sign in, find the model, see the gate checklist fail and a promotion refused per gate, approve as a
 * second principal, promote after the dry-run preview, find the audit entry, roll back — and stored XSS staying inert.
 */
class UiBrowserTest {
    private static TestServer t;
    private static UiWorld world;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(UiWorld.policy());
        world = new UiWorld(t);
        browser = Browser.open("http://127.0.0.1:" + t.port);
    }

    @org.junit.jupiter.api.BeforeEach
    void signedOut() {
        browser.reset();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        t.close();
    }

    @Test
    void aVersionGoesThroughTheGovernedLifecycleInTheBrowser() throws Exception {
        ModelName credit = world.model("credit-scorer", "Scores consumer loan applications", Map.of("team", "credit-risk"));
        world.model("fraud-detector", "Flags card fraud", Map.of("team", "payments"));
        VersionNumber v1 = world.version(credit, 1, true);

        // an anonymous visitor is sent to sign in, and comes back where they were going
        browser.go("/models/credit-scorer");
        assertThat(browser.driver.getCurrentUrl()).contains("/sign-in?next=");
        browser.screenshot("sign-in");
        browser.type("#token", t.tokens.get("contributor"));
        browser.click("#signin");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/models/credit-scorer");
        assertThat(browser.text("#principal")).isEqualTo("contributor");

        // find the model
        browser.go("/");
        browser.type("input[name=name]", "credit");
        browser.click("form.filters button");
        assertThat(browser.text("table.models")).contains("credit-scorer").doesNotContain("fraud-detector");
        browser.screenshot("models");
        browser.click("a.model-link");
        assertThat(browser.text("h1")).isEqualTo("credit-scorer");

        // the version's gate checklist: Production fails on the missing approval, and says how to get one
        browser.click("a.version-link");
        assertThat(browser.find("#checklist-production").getAttribute("class")).contains("blocked");
        assertThat(browser.text("#checklist-production")).contains("1 of 5 gates fail").contains("approvals")
                .contains("Needs 1 more");
        assertThat(browser.text("#checklist-staging")).contains("all gates pass");
        // a contributor may promote but not approve
        assertThat(browser.present("#promote-form")).isTrue();
        assertThat(browser.present("#decision-form")).isFalse();

        // asking anyway: the preview shows the refusal, gate by gate, and offers no confirmation
        promoteForm("Production", "first release");
        assertThat(browser.text("#outcome")).contains("Refused");
        assertThat(browser.text(".report")).contains("approvals").contains("Needs 1 more");
        assertThat(browser.present("#confirm")).isFalse();
        browser.screenshot("refused");
        assertThat(t.registry.version(UiWorld.CONTRIBUTOR, credit, v1).stage()).isEqualTo(Stage.NONE);

        // a second principal approves
        browser.signOut();
        browser.signIn(t.tokens.get("approver"));
        browser.go("/models/credit-scorer/versions/1");
        browser.type("#decision-form textarea[name=comment]", "card, eval and bias report reviewed");
        browser.click("#approve");
        assertThat(browser.text("#outcome")).contains("Done");
        browser.click("#back");
        assertThat(browser.text("table.approvals")).contains("approver").contains("current")
                .contains("card, eval and bias report reviewed");
        // the checklist is evaluated for the viewer as requester, and a requester's own approval never counts
        assertThat(browser.text("#checklist-production")).contains("1 of 5 gates fail");

        // the contributor promotes: first the dry-run plan with its five parts, then the confirmation
        browser.signOut();
        browser.signIn(t.tokens.get("contributor"));
        browser.go("/models/credit-scorer/versions/1");
        assertThat(browser.text("#checklist-production")).contains("all gates pass");
        browser.screenshot("version");
        promoteForm("Production", "all gates pass");
        assertThat(browser.text("#outcome")).contains("Dry run");
        assertThat(browser.text(".report")).contains("Plan").contains("Changes").contains("Verification").contains("Rollback")
                .contains("Summary");
        assertThat(t.registry.version(UiWorld.CONTRIBUTOR, credit, v1).stage()).isEqualTo(Stage.NONE);
        browser.screenshot("preview");
        browser.click("#confirm");
        assertThat(browser.text("#outcome")).contains("Done");
        assertThat(t.registry.version(UiWorld.CONTRIBUTOR, credit, v1).stage()).isEqualTo(Stage.PRODUCTION);
        browser.click("#back");
        assertThat(browser.text("h1")).contains("Production");

        // the audit log has the promotion, by whom, why, and through which channel
        browser.go("/audit");
        browser.type("input[name=model]", "credit-scorer");
        new Select(browser.find("select[name=action]")).selectByVisibleText("stage.transition");
        browser.click("form.filters button");
        assertThat(browser.text("table.audit")).contains("contributor").contains("all gates pass").contains("via=ui")
                .contains("stage=Production");
        browser.screenshot("audit");

        // version 2 replaces it (seeded), then an approver rolls Production back to version 1 from the model page
        VersionNumber v2 = world.version(credit, 2, true);
        world.approve(credit, v2, "approver2");
        world.promote(credit, v2, Stage.PRODUCTION);
        browser.signOut();
        browser.signIn(t.tokens.get("approver"));
        browser.go("/models/credit-scorer");
        assertThat(browser.text("ol.timeline")).contains("Promoted: v2").contains("Promoted: v1").contains("Moved: v1 Production → Archived");
        browser.screenshot("model");
        browser.type("#rollback-form input[name=reason]", "v2 misbehaves in production");
        browser.click("#rollback-form button");
        assertThat(browser.text("#outcome")).contains("Dry run");
        browser.click("#confirm");
        assertThat(browser.text("#outcome")).contains("Done");
        assertThat(t.registry.version(UiWorld.CONTRIBUTOR, credit, v1).stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(t.registry.version(UiWorld.CONTRIBUTOR, credit, v2).stage()).isEqualTo(Stage.ARCHIVED);
        browser.click("#back");
        // issue 20: the rollback read "Rolled back: model#Production ? → ?"
        assertThat(browser.text("ol.timeline")).contains("Rolled back Production: v2 → v1 (v2 archived)")
                .contains("v2 misbehaves in production").doesNotContain("? → ?");
        assertThat(browser.text("table.versions")).contains("Archived");
    }

    @Test
    void storedScriptInACardATagAndADescriptionRendersAsText() throws Exception {
        ModelName m = world.model("xss-probe", "<img src=x onerror=alert('description')>", Map.of("note", "<script>alert('tag')</script>"));
        VersionNumber v = world.version(m, 1, false);
        world.card(m, v, """
                # Probe
                <script>alert('card')</script>

                ## Intended use
                [click me](javascript:alert('link')) <img src=x onerror=alert('img')>
                """);
        browser.signIn(t.tokens.get("viewer"));
        browser.go("/models/xss-probe/versions/1");
        assertThat(browser.text("article.model-card")).contains("<script>alert('card')</script>");
        assertThat(browser.present("article.model-card script")).isFalse();
        assertThat(browser.present("article.model-card img")).isFalse();
        assertThat(browser.find("article.model-card a").getAttribute("href")).doesNotContain("javascript");
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        browser.go("/?name=xss");
        assertThat(browser.text("table.models")).contains("<script>alert('tag')</script>")
                .contains("<img src=x onerror=alert('description')>");
        assertThat(browser.present("table.models script")).isFalse();
        assertThat(browser.present("table.models img")).isFalse();
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        // a viewer sees no forms that change anything
        browser.go("/models/xss-probe/versions/1");
        assertThat(browser.present("form.card-form")).isFalse();
        browser.go("/models/xss-probe");
        assertThat(browser.present("form.card-form")).isFalse();
        browser.signOut();
    }

    @Test
    void aNewUserCarriesAVersionFromNothingToProductionEntirelyInTheBrowser() throws Exception {
        // the admin (the token the server printed at first start) brings in a builder and a reviewer
        browser.signIn(t.tokens.get("admin"));
        browser.go("/principals");
        addPrincipal("bob", "contributor");
        addPrincipal("carol", "approver");
        String bob = issueToken("bob");
        String carol = issueToken("carol");
        assertThat(bob).startsWith("rgt_").isNotEqualTo(carol);
        browser.signOut();

        // bob creates the model, uploads the artifact, the card and the evidence, and tags the bias check
        browser.signIn(bob);
        browser.type("#create-model-form input[name=name]", "loan-approver");
        browser.type("#create-model-form input[name=description]", "Approves small loans");
        browser.click("#create-model-form button");
        assertThat(browser.text("#outcome")).contains("Done");
        browser.click("#back");
        browser.find("#register-form input[name=artifact]").sendKeys(UiWorld.EXAMPLES.resolve("model.bin").toAbsolutePath().normalize().toString());
        browser.type("#register-form input[name=run_id]", "run-17");
        browser.type("#register-form textarea[name=metrics]", "auc=0.93");
        browser.click("#register-form button");
        assertThat(browser.text("#outcome")).contains("Done");
        browser.click("#back");
        browser.click("a.version-link");
        String digest = browser.text("code.digest");
        assertThat(digest).isEqualTo(dev.regent.core.model.Digest.sha256Of(java.nio.file.Files.readAllBytes(
                UiWorld.EXAMPLES.resolve("model.bin"))).value());
        upload("#card-form", "card.md", null);
        upload("#evidence-form", "eval-report.json", "eval-report");
        upload("#evidence-form", "bias-report.json", "bias-report");
        // issue 20: nothing is pre-selected, and each choice says which tags it can back
        Select evidence = new Select(browser.find("#tag-form select[name=evidence]"));
        assertThat(evidence.getFirstSelectedOption().getText()).startsWith("choose evidence");
        evidence.getOptions().stream().filter(o -> o.getText().startsWith("bias-report") && o.getText().contains("supports bias_checked"))
                .findFirst().orElseThrow().click();
        browser.click("#tag-form button");
        assertThat(browser.text("#outcome")).contains("Done");
        browser.click("#back");
        assertThat(browser.text("#checklist-production")).contains("1 of 5 gates fail").contains("approvals");
        browser.signOut();

        // carol approves; bob promotes after the preview
        browser.signIn(carol);
        browser.go("/models/loan-approver/versions/1");
        browser.click("#approve");
        assertThat(browser.text("#outcome")).contains("Done");
        browser.signOut();
        browser.signIn(bob);
        browser.go("/models/loan-approver/versions/1");
        assertThat(browser.text("#checklist-production")).contains("all gates pass");
        promoteForm("Production", "all gates pass");
        browser.click("#confirm");
        assertThat(browser.text("#outcome")).contains("Done");
        assertThat(t.registry.version(UiWorld.CONTRIBUTOR, ModelName.of("loan-approver"), VersionNumber.of(1)).stage())
                .isEqualTo(Stage.PRODUCTION);
        browser.signOut();
    }

    @Test
    void aUserSortsFiltersComparesEditsDeletesAndRevokesInTheBrowser() throws Exception {
        ModelName churn = world.model("churn-predictor", "Predicts churn", Map.of("team", "growth"));
        world.version(churn, 1, true);
        world.version(churn, 2, true);
        world.card(churn, VersionNumber.of(2), UiWorld.read("card.md") + "\nRetrained on the 2026 cohort.\n");
        t.clock.advance(java.time.Duration.ofMinutes(5));
        world.model("attrition-old", "", Map.of());
        browser.signIn(t.tokens.get("contributor"));

        // sort: a header click sorts by last change, newest first; a second click reverses it
        browser.go("/");
        browser.click("#sort-modified");
        assertThat(browser.driver.getCurrentUrl()).contains("sort=modified").contains("dir=desc");
        java.util.List<String> names = browser.driver.findElements(org.openqa.selenium.By.cssSelector("a.model-link"))
                .stream().map(org.openqa.selenium.WebElement::getText).toList();
        assertThat(names.indexOf("attrition-old")).isLessThan(names.indexOf("churn-predictor"));
        browser.click("#sort-name");
        assertThat(browser.find("th[aria-sort=ascending]").getText()).containsIgnoringCase("Model");

        // filter a model's versions, then compare two side by side
        browser.go("/models/churn-predictor");
        browser.type("#version-filter input[name=run]", "run-2");
        browser.click("#version-filter button");
        assertThat(browser.text("table.versions")).contains("v2").doesNotContain("v1");
        browser.click("#clear-filter");
        browser.find("input[name=v][value='1']").click();
        browser.find("input[name=v][value='2']").click();
        browser.click("#compare");
        assertThat(browser.text("table.compare")).contains("Artifact digest").contains("differs");
        assertThat(browser.text("pre.diff")).contains("+ Retrained on the 2026 cohort.");
        browser.screenshot("compare");

        // edit the model's description and tags: the preview first, then Confirm
        browser.go("/models/churn-predictor");
        browser.type("#edit-model-form textarea[name=description]", "Predicts churn within 90 days");
        browser.type("#edit-model-form textarea[name=tags]", "team=growth\nowner=ana");
        browser.click("#preview-edit-model");
        assertThat(browser.text("#outcome")).contains("Dry run");
        assertThat(t.registry.model(UiWorld.CONTRIBUTOR, churn).description().text()).isEqualTo("Predicts churn");
        browser.click("#confirm");
        assertThat(browser.text("#outcome")).contains("Done");
        browser.click("#back");
        assertThat(browser.text(".lead")).isEqualTo("Predicts churn within 90 days");
        assertThat(t.registry.model(UiWorld.CONTRIBUTOR, churn).tags().values()).containsEntry("owner", "ana");

        // delete version 1 after its preview
        browser.go("/models/churn-predictor/versions/1");
        browser.type("#delete-version-form input[name=reason]", "superseded by v2");
        browser.click("#preview-delete-version");
        assertThat(browser.text("#outcome")).contains("Dry run");
        browser.click("#confirm");
        assertThat(browser.text("#outcome")).contains("Done");
        browser.click("#back");
        assertThat(browser.text("table.versions")).contains("v2").doesNotContain("v1");

        // the card's history with the difference between its revisions
        browser.go("/models/churn-predictor/versions/2");
        browser.click("#card-history");
        assertThat(browser.text("pre.diff")).contains("+ Retrained on the 2026 cohort.");
        browser.signOut();

        // an admin revokes the contributor's token; the contributor's next request finds the session ended
        String secret = t.addPrincipal("erin", new dev.regent.core.access.Grant(dev.regent.core.access.Role.VIEWER, null));
        browser.signIn(secret);
        browser.go("/tokens");
        assertThat(browser.text("table.tokens")).contains("this session");
        String cookie = browser.driver.manage().getCookieNamed("regent_session").getValue();
        browser.reset();
        browser.signIn(t.tokens.get("admin"));
        browser.go("/tokens?principal=erin");
        browser.screenshot("tokens");
        browser.click("table.tokens button.danger");
        assertThat(browser.text("#outcome")).contains("Dry run");
        browser.click("#confirm");
        assertThat(browser.text("#outcome")).contains("Done");
        browser.reset();
        browser.go("/");
        browser.driver.manage().addCookie(new org.openqa.selenium.Cookie("regent_session", cookie));
        browser.go("/tokens");
        assertThat(browser.driver.getCurrentUrl()).contains("/sign-in");
    }

    private static void addPrincipal(String name, String role) {
        browser.go("/principals");
        browser.type("#principal-form input[name=name]", name);
        new Select(browser.find("#principal-form select[name=role]")).selectByVisibleText(role);
        browser.click("#principal-form button");
        assertThat(browser.text("#outcome")).contains("Done");
    }

    private static String issueToken(String principal) {
        browser.go("/principals");
        browser.type("#token-form input[name=principal]", principal);
        browser.click("#token-form button");
        return browser.text("#secret");
    }

    /** Uploads one of the examples' files through a form on the version page, and comes back to it. */
    private static void upload(String form, String file, String kind) {
        browser.find(form + " input[type=file]").sendKeys(UiWorld.EXAMPLES.resolve(file).toAbsolutePath().normalize().toString());
        if (kind != null) {
            browser.type(form + " input[name=kind]", kind);
        }
        browser.click(form + " button");
        assertThat(browser.text("#outcome")).as(browser.body()).contains("Done");
        browser.click("#back");
    }

    private static void promoteForm(String stage, String reason) {
        new Select(browser.find("#promote-form select[name=to]")).selectByVisibleText(stage);
        browser.type("#promote-form input[name=reason]", reason);
        browser.click("#preview-promote");
    }
    @Test
    void aMistypedAddressShowsTheNotFoundPageNotJson() {
        browser.signIn(t.tokens.get("viewer"));
        for (String path : java.util.List.of("/models/nosuch", "/models/nosuch/versions/3", "/no/such/page")) {
            browser.go(path);
            assertThat(browser.text("h1")).as(path).isEqualTo("Not found");
            assertThat(browser.body()).as(path).doesNotContain("{\"error\"").contains("NOT_FOUND");
            // the way back: the models list
            assertThat(browser.present("#to-models")).as(path).isTrue();
        }
        browser.click("#to-models");
        assertThat(browser.text("h1")).isEqualTo("Models");
    }

    @Test
    void theAuditTableFitsA1366PixelScreen() {
        // long unbroken values (a digest, a long reason, a long tag) must wrap, not push the table sideways
        ModelName wide = world.model("wide-audit-" + "x".repeat(60), "d".repeat(300),
                Map.of("k" + "y".repeat(80), "sha256:" + "ab".repeat(32) + "z".repeat(80)));
        world.version(wide, 1, true);
        org.openqa.selenium.Dimension before = browser.driver.manage().window().getSize();
        try {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
            browser.signIn(t.tokens.get("viewer"));
            browser.go("/audit");
            long viewport = ((Number) browser.driver.executeScript("return document.documentElement.clientWidth")).longValue();
            long page = ((Number) browser.driver.executeScript("return document.documentElement.scrollWidth")).longValue();
            long table = ((Number) browser.driver.executeScript(
                    "return document.querySelector('table.audit').getBoundingClientRect().right")).longValue();
            assertThat(page).as("page width at 1366 px").isLessThanOrEqualTo(viewport);
            assertThat(table).as("table's right edge").isLessThanOrEqualTo(viewport);
            // a timestamp stays on one line
            long timeHeight = ((Number) browser.driver.executeScript(
                    "return document.querySelector('table.audit td.when time').getClientRects().length")).longValue();
            assertThat(timeHeight).isEqualTo(1);
            // newest first: the entry just made (the version's last change) leads, and the numbers fall from there
            java.util.List<Long> seqs = browser.driver.findElements(org.openqa.selenium.By.cssSelector("table.audit tbody tr"))
                    .stream().map(r -> Long.parseLong(r.getAttribute("id").substring("seq-".length()))).toList();
            assertThat(seqs).hasSizeGreaterThan(1).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(browser.text("table.audit tbody tr")).contains("wide-audit-");
        } finally {
            browser.driver.manage().window().setSize(before);
        }
    }
}
