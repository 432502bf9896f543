package dev.regent.server;

import dev.regent.api.ApprovalWire;
import dev.regent.api.GatesWire;
import dev.regent.api.ListWires;
import dev.regent.api.Requests;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;

/**
 * Approvals and gates: record the caller's approval or rejection (the approver is always the authenticated
 * principal), list decisions with their status, and evaluate every gate for a target without changing anything.
 */
final class ApprovalRoutes {
    static final String APPROVALS = VersionRoutes.ONE + "/approvals";
    static final String GATES = VersionRoutes.ONE + "/gates";

    private ApprovalRoutes() {
    }

    static void register(Endpoints e) {
        e.get(APPROVALS, ApprovalRoutes::list);
        e.create(APPROVALS, ApprovalRoutes::decide);
        e.get(GATES, ApprovalRoutes::gates);
        e.post(GATES + "/what-if", ApprovalRoutes::gatesWhatIf);
    }

    static Reply list(Call call) {
        return Reply.ok(new ListWires.Approvals(call.registry().governance().approvals(call.actor(), call.model(), call.version())
                .stream().map(ApprovalWire::of).toList()));
    }

    static Reply decide(Call call) throws Exception {
        Requests.Decide body = call.body(Requests.Decide.class);
        return call.report(call.registry().decide(call.actor(), call.model(), call.version(), body.toTarget(),
                body.toDecision(), body.comment(), call.dryRun()), 201);
    }

    static Reply gates(Call call) {
        ModelName model = call.model();
        VersionNumber number = call.version();
        GateTarget target = GateTarget.parse(call.requiredQuery("target"));
        return Reply.ok(GatesWire.of(model, number, target, call.registry().governance().gates(call.actor(), model, number, target)));
    }

    /** The gates under a policy that is not in effect (a file about to be applied); changes nothing. */
    static Reply gatesWhatIf(Call call) throws Exception {
        dev.regent.api.GatesWhatIf body = call.body(dev.regent.api.GatesWhatIf.class);
        GateTarget target = body.toTarget();
        return Reply.ok(GatesWire.of(call.model(), call.version(), target, call.registry().governance()
                .gatesUnder(body.toPolicy(), call.actor(), call.model(), call.version(), target)));
    }
}
