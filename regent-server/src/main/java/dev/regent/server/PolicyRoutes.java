package dev.regent.server;

import dev.regent.api.PolicyWire;
import dev.regent.core.model.ModelName;

/** The policy in effect: defaults, or for a model with its override applied. */
final class PolicyRoutes {
    private PolicyRoutes() {
    }

    static void register(Endpoints e) {
        e.get("/api/v1/policy", PolicyRoutes::get);
    }

    static Reply get(Call call) {
        ModelName model = call.query("model") == null ? null : ModelName.of(call.query("model"));
        return Reply.ok(PolicyWire.of(call.registry().policy(), model));
    }
}
