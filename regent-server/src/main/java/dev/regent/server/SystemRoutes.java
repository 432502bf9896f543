package dev.regent.server;

import dev.regent.api.ApiError;
import dev.regent.api.ListWires;
import dev.regent.api.OpenApiDocument;

/** Liveness, readiness (the database answers), Prometheus metrics, and the OpenAPI document. */
final class SystemRoutes {
    private SystemRoutes() {
    }

    static void register(Endpoints e, String openApi) {
        e.get("/health", call -> Reply.ok(new ListWires.Status("ok")));
        e.get("/ready", SystemRoutes::ready);
        e.get("/metrics", call -> Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", call.parts().metrics().scrape()));
        e.get(OpenApiDocument.PATH, call -> Reply.text(200, "application/json", openApi));
    }

    static Reply ready(Call call) {
        try {
            call.registry().checkReady();
        } catch (RuntimeException e) {
            throw new ApiException(ApiError.UNAVAILABLE, "the database does not answer");
        }
        if (call.parts().audit() != null) {
            call.parts().audit().incident().ifPresent(incident -> {
                throw new ApiException(ApiError.UNAVAILABLE, "audit incident: signing was refused: " + incident);
            });
        }
        return Reply.ok(new ListWires.Status("ok"));
    }
}
