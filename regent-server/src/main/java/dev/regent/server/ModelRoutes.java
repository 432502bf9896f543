package dev.regent.server;

import dev.regent.api.ListWires;
import dev.regent.api.ModelOverviewWire;
import dev.regent.api.ModelWire;
import dev.regent.api.Requests;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import java.util.List;
import java.util.Map;

/** Models: list (paged, only what the caller may read), create, get (with ETag), patch (If-Match), rename, delete. */
final class ModelRoutes {
    static final String LIST = "/api/v1/models";
    static final String ONE = "/api/v1/models/{model}";

    private ModelRoutes() {
    }

    static void register(Endpoints e) {
        e.get(LIST, ModelRoutes::list);
        e.create(LIST, ModelRoutes::create);
        e.get(ONE, ModelRoutes::get);
        e.patch(ONE, ModelRoutes::patch);
        e.delete(ONE, ModelRoutes::delete);
        e.post(ONE + "/rename", ModelRoutes::rename);
    }

    static Reply list(Call call) {
        int size = call.pageSize();
        String cursor = call.parts().pageTokens().cursor(call.query("page_token"), LIST, Map.of());
        List<Model> page = call.registry().models(call.actor(), cursor == null ? null : ModelName.of(cursor), size);
        String next = page.size() == size
                ? call.parts().pageTokens().issue(LIST, Map.of(), page.get(page.size() - 1).name().value()) : null;
        return Reply.ok(new ListWires.Models(page.stream().map(ModelWire::of).toList(), next));
    }

    static Reply create(Call call) throws Exception {
        Requests.CreateModel body = call.body(Requests.CreateModel.class);
        OperationReport report = call.registry().createModel(call.actor(), body.modelName(), body.toDescription(),
                body.toTags(), call.dryRun());
        Reply reply = call.report(report, 201);
        return report.outcome() == Outcome.APPLIED ? reply.header("Location", LIST + "/" + body.name()) : reply;
    }

    static Reply get(Call call) {
        ModelOverview overview = call.registry().overview(call.actor(), call.model());
        return Reply.hot(ModelOverviewWire.of(overview)).header("ETag", call.parts().etags().of(overview.model()));
    }

    static Reply patch(Call call) throws Exception {
        ModelName name = call.model();
        Requests.Update body = call.body(Requests.Update.class);
        call.requireIfMatch(call.parts().etags().of(call.registry().model(call.actor(), name)));
        OperationReport report = call.registry().updateModel(call.actor(), name, body.toAnnotations(),
                current -> call.ifMatchAccepts(call.parts().etags().of(current)), call.dryRun());
        Reply reply = call.report(report);
        if (report.outcome() == Outcome.APPLIED) {
            reply = reply.header("ETag", call.parts().etags().of(call.registry().model(call.actor(), name)));
        }
        return reply;
    }

    static Reply rename(Call call) throws Exception {
        Requests.Rename body = call.body(Requests.Rename.class);
        return call.report(call.registry().renameModel(call.actor(), call.model(), body.toName(), body.reason(), call.dryRun()));
    }

    static Reply delete(Call call) {
        return call.report(call.registry().deleteModel(call.actor(), call.model(), call.reason(), call.dryRun()));
    }
}
