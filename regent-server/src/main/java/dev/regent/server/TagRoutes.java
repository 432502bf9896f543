package dev.regent.server;

import dev.regent.api.ListWires;
import dev.regent.api.Requests;
import dev.regent.api.TagWire;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;

/** Compliance tags: list with whether each is supported now, set one backed by evidence, remove one. */
final class TagRoutes {
    static final String LIST = VersionRoutes.ONE + "/tags";
    static final String ONE = LIST + "/{tag}";

    private TagRoutes() {
    }

    static void register(Endpoints e) {
        e.get(LIST, TagRoutes::list);
        e.put(ONE, TagRoutes::set);
        e.delete(ONE, TagRoutes::remove);
    }

    static Reply list(Call call) {
        ModelName model = call.model();
        VersionNumber number = call.version();
        return Reply.ok(new ListWires.Tags(model.value(), number.value(),
                call.registry().governance().complianceTags(call.actor(), model, number).stream().map(TagWire::of).toList()));
    }

    static Reply set(Call call) throws Exception {
        Requests.SetTag body = call.body(Requests.SetTag.class);
        return call.report(call.registry().setComplianceTag(call.actor(), call.model(), call.version(), call.path("tag"),
                body.toEvidence(), call.dryRun()));
    }

    static Reply remove(Call call) {
        return call.report(call.registry().removeComplianceTag(call.actor(), call.model(), call.version(), call.path("tag"),
                call.reason(), call.dryRun()));
    }
}
