package dev.regent.server;

import dev.regent.api.ApiError;
import dev.regent.api.ListWires;
import dev.regent.api.OpenApiDocument;

/** Liveness, readiness (the database answers), Prometheus metrics, and the OpenAPI document. */
final class SystemRoutes {
    /** Below this much free space a node reports itself not ready: an upload or a database page could not be written. */
    static final long MIN_FREE_BYTES = 16L << 20;

    private SystemRoutes() {
    }

    static void register(Endpoints e, String openApi) {
        e.get("/health", call -> Reply.hot(new ListWires.Status("ok")));
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
        long free = call.parts().blobs().usableSpace();
        if (free < MIN_FREE_BYTES) {
            // writes would fail (507) until space returns; the check is live, so readiness comes back by itself
            throw new ApiException(ApiError.UNAVAILABLE, "storage almost full: " + free + " bytes free where the blobs and the "
                    + "embedded database live; at least " + MIN_FREE_BYTES + " are needed to accept writes");
        }
        call.registry().storageFull().ifPresent(what -> {
            // the database refused a write for lack of space (PostgreSQL's disk cannot be measured from here)
            throw new ApiException(ApiError.UNAVAILABLE, what);
        });
        java.util.Optional<String> incident = call.parts().audit() != null
                ? call.parts().audit().checkStoredTree() : call.registry().auditIncident();
        incident.ifPresent(what -> {
            throw new ApiException(ApiError.UNAVAILABLE, what.startsWith("audit incident: ") ? what
                    : "audit incident: " + what);
        });
        return Reply.ok(new ListWires.Status("ok"));
    }
}
