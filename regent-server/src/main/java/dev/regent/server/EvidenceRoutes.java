package dev.regent.server;

import dev.regent.api.EvidenceWire;
import dev.regent.api.ListWires;
import dev.regent.api.Requests;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.NewEvidence;
import java.io.InputStream;

/**
 * Evidence: attach to a version (an upload streamed into the blob store while hashing, or a URI with its digest),
 * list a version's, read one, download stored content, revoke.
 */
final class EvidenceRoutes {
    static final String OF_VERSION = VersionRoutes.ONE + "/evidence";
    static final String ONE = "/api/v1/evidence/{id}";

    private EvidenceRoutes() {
    }

    static void register(Endpoints e) {
        e.get(OF_VERSION, EvidenceRoutes::list);
        e.createOrUpload(OF_VERSION, EvidenceRoutes::add);
        e.get(ONE, EvidenceRoutes::get);
        e.get(ONE + "/content", EvidenceRoutes::content);
        e.post(ONE + "/revoke", EvidenceRoutes::revoke);
    }

    static Reply list(Call call) {
        return Reply.ok(new ListWires.EvidenceList(call.registry().governance().evidenceOf(call.actor(), call.model(), call.version())
                .stream().map(EvidenceWire::of).toList()));
    }

    static Reply add(Call call) throws Exception {
        ModelName model = call.model();
        VersionNumber number = call.version();
        NewEvidence request;
        if (call.isJsonBody()) {
            request = call.body(Requests.EvidenceByUri.class).toNewEvidence(model, number);
        } else {
            // validate what we can before reading a byte of the upload
            EvidenceKind kind = EvidenceKind.of(call.requiredQuery("kind"));
            String summary = call.query("summary");
            Digest declared = call.query("digest") == null ? null : Digest.parse(call.query("digest"));
            Digest stored = call.upload();
            if (declared != null && !declared.equals(stored)) {
                throw RegentException.invalid("the declared digest " + declared + " does not match the uploaded content's " + stored);
            }
            request = NewEvidence.stored(model, number, kind, stored, summary);
        }
        return call.report(call.registry().addEvidence(call.actor(), request, call.dryRun()), 201);
    }

    static Reply get(Call call) {
        return Reply.ok(EvidenceWire.of(call.registry().governance().evidence(call.actor(), EvidenceId.parse(call.path("id")))));
    }

    static Reply content(Call call) {
        EvidenceId id = EvidenceId.parse(call.path("id"));
        Evidence evidence = call.registry().governance().evidence(call.actor(), id);
        InputStream in = call.registry().governance().evidenceContent(call.actor(), id).orElseThrow(() -> RegentException.notFound(
                "evidence " + id + " is not stored by the registry; it lives at " + evidence.uri()));
        return Reply.stream("application/octet-stream", in).header("ETag", ETags.of(evidence.digest()))
                .header("X-Content-Type-Options", "nosniff");
    }

    static Reply revoke(Call call) throws Exception {
        Requests.WithReason body = call.body(Requests.WithReason.class);
        return call.report(call.registry().revokeEvidence(call.actor(), EvidenceId.parse(call.path("id")), body.toReason(),
                call.dryRun()));
    }
}
