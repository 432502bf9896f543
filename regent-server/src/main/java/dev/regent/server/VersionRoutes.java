package dev.regent.server;

import dev.regent.api.ListWires;
import dev.regent.api.Requests;
import dev.regent.api.VersionWire;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Versions: list (paged, with their aliases), register, get (with ETag), patch (If-Match), delete. */
final class VersionRoutes {
    static final String LIST = "/api/v1/models/{model}/versions";
    static final String ONE = LIST + "/{version}";

    private VersionRoutes() {
    }

    static void register(Endpoints e) {
        e.get(LIST, VersionRoutes::list);
        e.create(LIST, VersionRoutes::register);
        e.get(ONE, VersionRoutes::get);
        e.patch(ONE, VersionRoutes::patch);
        e.delete(ONE, VersionRoutes::delete);
        ArtifactRoutes.register(e);
    }

    static Reply list(Call call) {
        ModelName model = call.model();
        int size = call.pageSize();
        Map<String, String> params = Map.of("model", model.value());
        String cursor = call.parts().pageTokens().cursor(call.query("page_token"), LIST, params);
        int after;
        try {
            after = cursor == null ? 0 : Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw dev.regent.core.error.RegentException.invalid("invalid page_token");
        }
        List<ModelVersion> page = call.registry().versions(call.actor(), model, after, size);
        SortedMap<AliasName, VersionNumber> aliases = call.registry().overview(call.actor(), model).aliases();
        String next = page.size() == size
                ? call.parts().pageTokens().issue(LIST, params, Integer.toString(page.get(page.size() - 1).number().value())) : null;
        return Reply.ok(new ListWires.Versions(page.stream().map(v -> VersionWire.of(v, VersionWire.aliasesOf(aliases, v.number())))
                .toList(), next));
    }

    static Reply register(Call call) throws Exception {
        Requests.RegisterVersion body = call.body(Requests.RegisterVersion.class);
        return call.report(call.registry().registerVersion(call.actor(), body.toNewVersion(call.model()), body.storedKind(),
                call.dryRun()), 201);
    }

    static Reply get(Call call) {
        ModelName model = call.model();
        VersionNumber number = call.version();
        ModelVersion v = call.registry().version(call.actor(), model, number);
        SortedMap<AliasName, VersionNumber> aliases = call.registry().overview(call.actor(), model).aliases();
        return Reply.hot(VersionWire.of(v, VersionWire.aliasesOf(aliases, number))).header("ETag", call.parts().etags().of(v));
    }

    static Reply patch(Call call) throws Exception {
        ModelName model = call.model();
        VersionNumber number = call.version();
        Requests.Update body = call.body(Requests.Update.class);
        call.requireIfMatch(call.parts().etags().of(call.registry().version(call.actor(), model, number)));
        OperationReport report = call.registry().updateVersion(call.actor(), model, number, body.toAnnotations(),
                current -> call.ifMatchAccepts(call.parts().etags().of(current)), call.dryRun());
        Reply reply = call.report(report);
        if (report.outcome() == Outcome.APPLIED) {
            reply = reply.header("ETag", call.parts().etags().of(call.registry().version(call.actor(), model, number)));
        }
        return reply;
    }

    static Reply delete(Call call) {
        return call.report(call.registry().deleteVersion(call.actor(), call.model(), call.version(), call.reason(), call.dryRun()));
    }
}
