package dev.regent.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core (vendored in src/test/resources/axe, see its README) run on the page a {@link Browser} shows: the WCAG 2.0,
 * 2.1 and 2.2 A and AA rules. Returns the serious and critical violations, each as one readable line.
 */
final class Axe {
    private static final String SOURCE = load();

    private Axe() {
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serious and critical violations of the current page (empty when it passes). */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(ChromeDriver driver) {
        driver.executeScript(SOURCE);
        Object result = driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
                                   resultTypes: ['violations']})
                  .then(function (r) { done(r.violations.map(function (v) {
                      return {id: v.id, impact: v.impact || '', help: v.help,
                              nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ' :: ' + (n.failureSummary || ''); })};
                  })); })
                  .catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });
                """);
        List<String> out = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            String impact = String.valueOf(v.get("impact"));
            if (impact.equals("serious") || impact.equals("critical")) {
                out.add(impact + " " + v.get("id") + ": " + v.get("help") + " at " + v.get("nodes"));
            }
        }
        return out;
    }
}
