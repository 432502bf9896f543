package dev.regent.server;

import dev.regent.api.ListWires;
import dev.regent.api.Requests;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import java.util.SortedMap;
import java.util.TreeMap;

/** Aliases: list, point one at a version (protected aliases pass their gates), remove. */
final class AliasRoutes {
    static final String LIST = ModelRoutes.ONE + "/aliases";
    static final String ONE = LIST + "/{alias}";

    private AliasRoutes() {
    }

    static void register(Endpoints e) {
        e.get(LIST, AliasRoutes::list);
        e.put(ONE, AliasRoutes::set);
        e.delete(ONE, AliasRoutes::delete);
    }

    static Reply list(Call call) {
        ModelName model = call.model();
        SortedMap<String, Integer> aliases = new TreeMap<>();
        call.registry().overview(call.actor(), model).aliases().forEach((k, v) -> aliases.put(k.value(), v.value()));
        return Reply.ok(new ListWires.Aliases(model.value(), aliases));
    }

    static Reply set(Call call) throws Exception {
        Requests.SetAlias body = call.body(Requests.SetAlias.class);
        return call.transition(call.registry().setAlias(call.actor(), call.model(), AliasName.of(call.path("alias")),
                body.toVersion(), body.toReason(), call.dryRun()));
    }

    static Reply delete(Call call) {
        return call.report(call.registry().deleteAlias(call.actor(), call.model(), AliasName.of(call.path("alias")),
                call.reason(), call.dryRun()));
    }
}
