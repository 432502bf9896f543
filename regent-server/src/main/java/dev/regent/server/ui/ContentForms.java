package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.card.CardFormat;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.NewEvidence;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.report.OperationReport;
import dev.regent.server.UiEndpoints;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The forms that put content into the registry, so a version can be carried through its whole governed lifecycle
 * in the browser: create a model, register a version (an uploaded artifact hashed while it streams into the blob
 * store, or a source URI with its digest), set the model card, attach evidence, set a compliance tag on it, revoke
 * evidence. Each applies at once and shows its five-part report; the Registry validates everything, as for every
 * other transport.
 */
final class ContentForms {
    private final UiEndpoints endpoints;
    private final WebUi ui;

    ContentForms(UiEndpoints endpoints, WebUi ui) {
        this.endpoints = endpoints;
        this.ui = ui;
    }

    void register() {
        endpoints.post("/models", this::createModel);
        endpoints.post("/models/{model}/versions", this::registerVersion);
        endpoints.post("/models/{model}/versions/{version}/card", this::setCard);
        endpoints.post("/models/{model}/versions/{version}/evidence", this::addEvidence);
        endpoints.post("/models/{model}/versions/{version}/tags", this::setTag);
        endpoints.post("/models/{model}/versions/{version}/evidence/revoke", this::revokeEvidence);
    }

    private Registry registry() {
        return endpoints.registry().via(WebUi.CHANNEL);
    }

    private void createModel(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName name = ModelName.of(form.required("name", "The model's name"));
        String description = form.optional("description");
        OperationReport report = registry().createModel(caller.principal(), name,
                description == null ? Description.EMPTY : Description.of(description), Tags.EMPTY, false);
        show(ctx, caller, "Create model " + name, report, report.refusalCode().isPresent() ? "/" : Links.model(name));
    }

    private void registerVersion(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName model = ModelName.of(ctx.pathParam("model"));
        String source = form.optional("source");
        String digest = form.optional("digest");
        Lineage lineage = new Lineage(form.optional("run_id"), form.optional("dataset_version"), form.optional("code_version"));
        Metrics metrics = metrics(form.optional("metrics"));
        String description = form.optional("description");
        Description text = description == null ? Description.EMPTY : Description.of(description);
        UploadedFile file = upload(ctx, "artifact");
        OperationReport report;
        if (file != null) {
            // the artifact streams into the content-addressed store, hashed as it goes; the version records its digest
            Digest stored;
            try (InputStream in = file.content()) {
                stored = registry().artifacts().storeBlob(caller.principal(), model, in, endpoints.maxUploadBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (digest != null && !Digest.parse(digest).equals(stored)) {
                throw RegentException.invalid("the digest given, " + digest + ", does not match the uploaded file's " + stored);
            }
            report = registry().registerVersion(caller.principal(), NewVersion.stored(model, source == null ? null
                    : SourceUri.of(source), stored, lineage, metrics, null, text, Tags.EMPTY), ArtifactKind.FILE, false);
        } else {
            if (source == null) {
                throw RegentException.invalid("Upload the artifact, or give its source URI (and digest)");
            }
            report = registry().registerVersion(caller.principal(), new NewVersion(model, SourceUri.of(source),
                    digest == null ? null : Digest.parse(digest), lineage, metrics, null, text, Tags.EMPTY), false);
        }
        show(ctx, caller, "Register a version of " + model, report, Links.model(model));
    }

    private void setCard(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName model = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        UploadedFile file = upload(ctx, "file");
        String fileName = null;
        String text;
        if (file != null) {
            fileName = file.filename();
            text = utf8(read(file, ModelCard.MAX_BYTES, "a model card"), "the card file");
        } else {
            text = ctx.formParam("text");
            if (text == null || text.isBlank()) {
                throw RegentException.invalid("Upload a card file (Markdown, YAML or JSON) or paste the card's text");
            }
        }
        ModelCard card = ModelCard.parse(text, CardFormat.detect(fileName, text));
        show(ctx, caller, "Set the model card of " + model + " v" + number,
                registry().setCard(caller.principal(), model, number, card, false), Links.version(model, number));
    }

    private void addEvidence(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName model = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        EvidenceKind kind = EvidenceKind.of(form.required("kind", "The kind of evidence"));
        UploadedFile file = upload(ctx, "file");
        if (file == null) {
            throw RegentException.invalid("Upload the evidence file (an eval report, a bias report, …)");
        }
        byte[] bytes = read(file, NewEvidence.MAX_CONTENT_BYTES, "an evidence file");
        show(ctx, caller, "Attach " + kind.value() + " evidence to " + model + " v" + number,
                registry().addEvidence(caller.principal(), NewEvidence.inline(model, number, kind, bytes, null,
                        form.optional("summary")), false), Links.version(model, number));
    }

    private void setTag(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName model = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        String tag = form.required("tag", "The compliance tag");
        EvidenceId evidence = EvidenceId.parse(form.required("evidence", "The evidence behind the tag"));
        show(ctx, caller, "Set " + tag + " on " + model + " v" + number,
                registry().setComplianceTag(caller.principal(), model, number, tag, evidence, false), Links.version(model, number));
    }

    private void revokeEvidence(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName model = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        EvidenceId evidence = EvidenceId.parse(form.required("evidence", "The evidence to revoke"));
        Reason reason = Reason.of(form.required("reason", "A reason for the revocation"));
        // the evidence must belong to the version of the page the form came from
        if (registry().governance().evidenceOf(caller.principal(), model, number).stream().noneMatch(e -> e.id().equals(evidence))) {
            throw RegentException.notFound("evidence " + evidence + " is not attached to " + model + " v" + number);
        }
        show(ctx, caller, "Revoke evidence " + evidence, registry().revokeEvidence(caller.principal(), evidence, reason, false),
                Links.version(model, number));
    }

    private void show(Context ctx, PrincipalRecord caller, String heading, OperationReport report, String back) {
        ui.report(ctx, caller, heading, report, null, Map.of(), back, "models");
    }

    /** "name=value" per line (or comma-separated), as the CLI's --metric takes them. */
    static Metrics metrics(String text) {
        if (text == null) {
            return Metrics.EMPTY;
        }
        Map<String, Double> values = new TreeMap<>();
        for (String item : text.split("[,\\n]")) {
            String line = item.trim();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw RegentException.invalid("metrics are name=value, one per line; got '" + line + "'");
            }
            String name = line.substring(0, eq).trim();
            values.put(name, Metrics.parseValue(name, line.substring(eq + 1).trim()));
        }
        return Metrics.of(values);
    }

    /** The uploaded file of a field, or null when none was chosen. */
    private static UploadedFile upload(Context ctx, String field) {
        if (!ctx.isMultipartFormData()) {
            return null;
        }
        UploadedFile file = ctx.uploadedFile(field);
        return file == null || file.size() == 0 ? null : file;
    }

    private static byte[] read(UploadedFile file, long max, String what) {
        if (file.size() > max) {
            throw RegentException.invalid(what + " holds at most " + max + " bytes; '" + file.filename() + "' has " + file.size());
        }
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw RegentException.invalid(what + " is not UTF-8 text");
        }
    }
}
