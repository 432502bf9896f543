package dev.regent.server;

import dev.regent.api.ListWires;
import dev.regent.api.ReportWire;
import dev.regent.api.Requests;
import dev.regent.api.TokenCreatedWire;
import dev.regent.api.TokenWire;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.model.Principal;
import dev.regent.core.registry.TokenIssued;
import dev.regent.core.report.Outcome;

/**
 * Tokens: create (the secret is in this one answer and nowhere else: an idempotent replay answers without it),
 * list (one's own, a named principal's, or everyone's with all=true; never secrets), revoke.
 */
final class TokenRoutes {
    static final String LIST = "/api/v1/tokens";

    private TokenRoutes() {
    }

    static void register(Endpoints e) {
        e.get(LIST, TokenRoutes::list);
        e.create(LIST, TokenRoutes::create);
        e.delete(LIST + "/{id}", TokenRoutes::revoke);
    }

    static Reply list(Call call) {
        Principal of = call.bool("all") ? null : call.query("principal") == null ? call.actor() : Principal.of(call.query("principal"));
        return Reply.ok(new ListWires.Tokens(call.registry().access().tokens(call.actor(), of).stream().map(TokenWire::of).toList()));
    }

    static Reply create(Call call) throws Exception {
        Requests.CreateToken body = call.body(Requests.CreateToken.class);
        Principal subject = body.toPrincipal(call.actor());
        TokenIssued issued = call.registry().access().issueToken(call.actor(), subject, body.toLifetime(), body.description(),
                call.dryRun());
        if (issued.report().outcome() == Outcome.REFUSED) {
            return call.report(issued.report());
        }
        String expiresAt = null;
        if (issued.report().outcome() == Outcome.APPLIED) {
            expiresAt = call.registry().access().tokens(call.actor(), subject).stream().filter(t -> t.id().equals(issued.tokenId()))
                    .findFirst().map(TokenRecord::expiresAt).map(Object::toString).orElse(null);
        }
        ReportWire report = ReportWire.of(issued.report());
        int status = issued.report().outcome() == Outcome.APPLIED ? 201 : 200;
        return Reply.json(status, new TokenCreatedWire(issued.secret().orElse(null), issued.tokenId(), expiresAt, report))
                .replayWith(new TokenCreatedWire(null, issued.tokenId(), expiresAt, report));
    }

    static Reply revoke(Call call) {
        return call.report(call.registry().access().revokeToken(call.actor(), call.path("id"), call.dryRun()));
    }
}
