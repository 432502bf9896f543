package dev.regent.server;

import dev.regent.api.ListWires;
import dev.regent.api.PrincipalWire;
import dev.regent.api.Requests;

/** Principals and grants (admins), and who the caller is. */
final class PrincipalRoutes {
    static final String LIST = "/api/v1/principals";
    static final String REVOKE = "/api/v1/principals/{principal}/revoke";

    private PrincipalRoutes() {
    }

    static void register(Endpoints e) {
        e.get(LIST, PrincipalRoutes::list);
        e.post(LIST, PrincipalRoutes::add);
        e.post(REVOKE, PrincipalRoutes::revoke);
        e.get("/api/v1/whoami", PrincipalRoutes::whoami);
    }

    static Reply list(Call call) {
        return Reply.ok(new ListWires.Principals(call.registry().access().principals(call.actor()).stream().map(PrincipalWire::of).toList()));
    }

    static Reply add(Call call) throws Exception {
        Requests.AddPrincipal body = call.body(Requests.AddPrincipal.class);
        return call.report(call.registry().access().addPrincipal(call.actor(), body.toPrincipal(), body.toKind(), body.toGrant(),
                call.dryRun()));
    }

    static Reply revoke(Call call) throws Exception {
        Requests.RevokeGrant body = call.body(Requests.RevokeGrant.class);
        return call.report(call.registry().access().revokeGrant(call.actor(),
                dev.regent.core.model.Principal.of(call.path("principal")), body.toGrant(), call.dryRun()));
    }

    static Reply whoami(Call call) {
        return Reply.ok(PrincipalWire.of(call.caller()));
    }
}
