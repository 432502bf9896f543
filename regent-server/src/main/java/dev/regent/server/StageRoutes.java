package dev.regent.server;

import dev.regent.api.ListWires;
import dev.regent.api.Requests;
import dev.regent.api.TransitionWire;
import dev.regent.core.model.ModelName;

/** Stages: promote a version (through the gates), roll a stage back, and the model's stage history. */
final class StageRoutes {
    private StageRoutes() {
    }

    static void register(Endpoints e) {
        e.post(VersionRoutes.ONE + "/promote", StageRoutes::promote);
        e.post(ModelRoutes.ONE + "/rollback", StageRoutes::rollback);
        e.get(ModelRoutes.ONE + "/history", StageRoutes::history);
    }

    static Reply promote(Call call) throws Exception {
        Requests.Promote body = call.body(Requests.Promote.class);
        return call.transition(call.registry().promote(call.actor(), call.model(), call.version(), body.toStage(),
                body.toReason(), call.dryRun()));
    }

    static Reply rollback(Call call) throws Exception {
        Requests.Rollback body = call.body(Requests.Rollback.class);
        return call.transition(call.registry().rollback(call.actor(), call.model(), body.toStage(), body.toReason(),
                body.toVersion(), call.dryRun()));
    }

    static Reply history(Call call) {
        ModelName model = call.model();
        return Reply.ok(new ListWires.History(model.value(),
                call.registry().governance().history(call.actor(), model).stream().map(TransitionWire::of).toList()));
    }
}
