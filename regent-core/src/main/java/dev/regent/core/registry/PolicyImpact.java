package dev.regent.core.registry;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Stage;
import dev.regent.core.policy.GateContext;
import dev.regent.core.policy.GateEvaluator;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a policy change would change for the versions already registered: for every live version and every target
 * that matters to it (Staging, Production, each alias the model has), whether its gates pass under the policy in
 * effect and under the proposed one, listing only the outcomes that differ. Requested "as the version's creator",
 * whose own approvals never count anyway. At most {@link #MAX_VERSIONS} versions are evaluated — an applied change
 * evaluates them inside its write transaction, so the bound is also how long other writers may wait — and the lines
 * say when more were left out, so a reader never mistakes a partial answer for a whole one.
 */
final class PolicyImpact {
    static final int MAX_VERSIONS = 2_000;
    private static final int PAGE = 500;

    private PolicyImpact() {
    }

    /** One line per changed outcome, e.g. "fraud/3 for Production: passes -> fails (gate approvals …); holds Production now". */
    static List<String> lines(StoreTransaction tx, Policy before, Policy after) {
        GateEvaluator old = new GateEvaluator(before);
        GateEvaluator proposed = new GateEvaluator(after);
        List<String> lines = new ArrayList<>();
        int evaluated = 0;
        int skipped = 0;
        ModelName afterName = null;
        while (true) {
            List<Model> models = tx.listModels(afterName, PAGE);
            for (Model model : models) {
                Map<AliasName, dev.regent.core.model.VersionNumber> aliases = tx.aliases(model.name());
                Set<GateTarget> targets = new LinkedHashSet<>(List.of(GateTarget.of(Stage.STAGING), GateTarget.of(Stage.PRODUCTION)));
                aliases.keySet().forEach(a -> targets.add(GateTarget.of(a)));
                int afterNumber = 0;
                while (true) {
                    List<ModelVersion> versions = tx.listVersions(model.name(), afterNumber, PAGE);
                    for (ModelVersion v : versions) {
                        if (evaluated >= MAX_VERSIONS) {
                            skipped++;
                            continue;
                        }
                        evaluated++;
                        for (GateTarget target : targets) {
                            GateContext ctx = GateContext.load(tx, v, target, v.createdBy());
                            List<Finding> was = old.evaluate(ctx);
                            List<Finding> would = proposed.evaluate(ctx);
                            boolean passed = was.stream().allMatch(Finding::passed);
                            boolean passes = would.stream().allMatch(Finding::passed);
                            if (passed != passes) {
                                lines.add(v.ref() + " for " + target + ": " + (passed ? "passes" : "fails") + " -> "
                                        + (passes ? "passes" : "fails") + why(passes ? was : would)
                                        + holding(v, target, aliases));
                            }
                        }
                    }
                    if (versions.size() < PAGE) {
                        break;
                    }
                    afterNumber = versions.get(versions.size() - 1).number().value();
                }
            }
            if (models.size() < PAGE) {
                break;
            }
            afterName = models.get(models.size() - 1).name();
        }
        if (skipped > 0) {
            lines.add("(" + skipped + " more live version(s) not evaluated: the preview evaluates at most " + MAX_VERSIONS + ")");
        }
        return lines;
    }

    /** The failing gates, in brief. */
    private static String why(List<Finding> failing) {
        List<String> failed = failing.stream().filter(f -> !f.passed()).map(Finding::check).toList();
        return failed.isEmpty() ? "" : " (" + String.join("; ", failed) + ")";
    }

    /** A note when the version holds the target now: a stricter policy does not move it, but says so. */
    private static String holding(ModelVersion v, GateTarget target, Map<AliasName, dev.regent.core.model.VersionNumber> aliases) {
        boolean holds = target.stage() != null ? v.stage() == target.stage() : v.number().equals(aliases.get(target.alias()));
        return holds ? "; it holds " + target + " now (a policy change never moves a version)" : "";
    }
}
