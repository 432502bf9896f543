package dev.regent.server;

import dev.regent.api.PolicyApply;
import dev.regent.api.PolicyRevisionWire;
import dev.regent.api.PolicyWire;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.report.OperationReport;
import java.util.List;

/**
 * The registry's policy: the revision in effect (defaults, or for a model with its override applied), its history,
 * one revision, and applying a new one (admins; with dry_run, the diff and which gate outcomes would change).
 */
final class PolicyRoutes {
    static final String REVISIONS = "/api/v1/policy/revisions";

    private PolicyRoutes() {
    }

    static void register(Endpoints e) {
        e.get("/api/v1/policy", PolicyRoutes::get);
        e.post("/api/v1/policy", PolicyRoutes::apply);
        e.get(REVISIONS, PolicyRoutes::history);
        e.get(REVISIONS + "/{revision}", PolicyRoutes::revision);
    }

    static Reply get(Call call) {
        ModelName model = call.query("model") == null ? null : ModelName.of(call.query("model"));
        return Reply.ok(PolicyWire.of(call.registry().policies().inEffect(call.actor()), model));
    }

    static Reply history(Call call) {
        List<PolicyRevisionWire> revisions = call.registry().policies().history(call.actor()).stream()
                .map(r -> PolicyRevisionWire.of(r, false)).toList();
        return Reply.ok(new dev.regent.api.ListWires.PolicyRevisions(revisions));
    }

    static Reply revision(Call call) {
        String text = call.path("revision");
        if (!text.matches("[1-9][0-9]{0,8}")) {
            throw RegentException.invalid("a policy revision is a whole number from 1, got '" + text + "'");
        }
        return Reply.ok(PolicyRevisionWire.of(call.registry().policies().revision(call.actor(), Integer.parseInt(text))
                .revision(), true));
    }

    static Reply apply(Call call) throws Exception {
        PolicyApply body = call.body(PolicyApply.class);
        OperationReport report = body.revision() != null
                ? call.registry().policies().applyRevision(call.actor(), body.revision(), body.toReason(), call.dryRun())
                : call.registry().policies().apply(call.actor(), body.toPolicy(), body.toReason(), call.dryRun());
        return call.report(report);
    }
}
