package dev.regent.mcp;

import dev.regent.api.EvidenceWire;
import dev.regent.api.ModelOverviewWire;
import dev.regent.api.VersionWire;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.RegistrySession;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Models, versions, model cards and evidence (eval reports among them) as MCP resources, read-only:
 * {@code regent://models/{model}} and {@code regent://models/{model}/versions/{version}} (the REST API's documents, as
 * get_model and get_version return them), {@code regent://models/{model}/versions/{version}/card} (the current card as
 * Markdown) and {@code regent://evidence/{id}} (stored text content such as an eval report's JSON, else the evidence
 * record). A client may subscribe to the model, version and card URIs ({@link ResourceFollower}).
 */
final class Resources {
    static final String MODEL_TEMPLATE = "regent://models/{model}";
    static final String VERSION_TEMPLATE = "regent://models/{model}/versions/{version}";
    static final String CARD_TEMPLATE = "regent://models/{model}/versions/{version}/card";
    static final String EVIDENCE_TEMPLATE = "regent://evidence/{id}";
    // the model is one percent-encoded segment (RFC 6570 expands {model} so): 256 code points of 4 UTF-8 bytes as %XX
    private static final Pattern MODEL = Pattern.compile("regent://models/([^/]{1,3072})");
    private static final Pattern VERSION = Pattern.compile("regent://models/([^/]{1,3072})/versions/([0-9]{1,10})");
    private static final Pattern CARD = Pattern.compile("regent://models/([^/]{1,3072})/versions/([0-9]{1,10})/card");
    /** The model (decoded) a model, version or card URI names: what a subscription to it may reveal. */
    private static final Pattern ANY_MODEL = Pattern.compile("regent://models/([^/]{1,3072})(/versions/[0-9]{1,10}(/card)?)?");
    private static final Pattern EVIDENCE = Pattern.compile("regent://evidence/([^/]{1,64})");

    private final CallerSessions sessions;

    Resources(CallerSessions sessions) {
        this.sessions = sessions;
    }

    List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                new SyncResourceTemplateSpecification(new ResourceTemplate(MODEL_TEMPLATE, "model", "Model",
                        "A model as get_model shows it: description, tags, versions, Staging and Production holders, "
                                + "aliases (the REST API's ModelOverview). Subscribe to be told when anything of it changes.",
                        "application/json", null),
                        (exchange, request) -> read(request.uri(), exchange.transportContext())),
                new SyncResourceTemplateSpecification(new ResourceTemplate(VERSION_TEMPLATE, "version", "Model version",
                        "A version as get_version shows it: stage, source, digest, lineage, metrics, params, tags, aliases "
                                + "(the REST API's Version). Subscribe to be told when it changes.", "application/json", null),
                        (exchange, request) -> read(request.uri(), exchange.transportContext())),
                new SyncResourceTemplateSpecification(new ResourceTemplate(CARD_TEMPLATE, "model-card", "Model card",
                        "The current model card of a version, rendered as Markdown.", "text/markdown", null),
                        (exchange, request) -> read(request.uri(), exchange.transportContext())),
                new SyncResourceTemplateSpecification(new ResourceTemplate(EVIDENCE_TEMPLATE, "evidence", "Evidence",
                        "Evidence by id: the stored content when it is text (an eval report's JSON), else the evidence "
                                + "record as JSON.", "application/json", null),
                        (exchange, request) -> read(request.uri(), exchange.transportContext())));
    }

    /** The URI of a model's resource, its name percent-encoded as RFC 6570 expands {model}. */
    static String modelUri(String model) {
        return "regent://models/" + encodeSegment(model);
    }

    /** The URI of a version's resource. */
    static String versionUri(String model, long version) {
        return modelUri(model) + "/versions/" + version;
    }

    /** The URI of a version's card. */
    static String cardUri(String model, long version) {
        return versionUri(model, version) + "/card";
    }

    /** The model a subscribable URI (model, version or card) names, decoded; empty for any other URI. */
    public static Optional<String> modelOf(String uri) {
        Matcher m = ANY_MODEL.matcher(uri == null ? "" : uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(pathSegment(m.group(1)));
        } catch (RegentException e) {
            return Optional.empty();
        }
    }

    /** Unreserved characters as they are, every other UTF-8 byte as %XX: RFC 6570's simple expansion. */
    private static String encodeSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** A decoded path segment: '%XX' escapes only, a '+' is itself (URLDecoder alone would read it as a space). */
    static String pathSegment(String encoded) {
        try {
            return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegentException.invalid("the model in a resource URI is not a valid "
                    + "percent-encoded segment: " + e.getMessage());
        }
    }

    ReadResourceResult read(String uri, McpTransportContext transport) {
        try {
            RegistrySession session = sessions.open("resource", transport);
            Matcher model = MODEL.matcher(uri == null ? "" : uri);
            if (model.matches()) {
                return new ReadResourceResult(List.of(new TextResourceContents(uri, "application/json", Results.jsonText(
                        ModelOverviewWire.of(session.overview(ModelName.of(pathSegment(model.group(1)))))))));
            }
            Matcher version = VERSION.matcher(uri == null ? "" : uri);
            if (version.matches()) {
                ModelName name = ModelName.of(pathSegment(version.group(1)));
                ModelVersion v = session.version(name, VersionNumber.parse(version.group(2)));
                return new ReadResourceResult(List.of(new TextResourceContents(uri, "application/json", Results.jsonText(
                        VersionWire.of(v, VersionWire.aliasesOf(session.overview(name).aliases(), v.number()))))));
            }
            Matcher card = CARD.matcher(uri == null ? "" : uri);
            if (card.matches()) {
                return card(session, uri, ModelName.of(pathSegment(card.group(1))), VersionNumber.parse(card.group(2)));
            }
            Matcher evidence = EVIDENCE.matcher(uri == null ? "" : uri);
            if (evidence.matches()) {
                return evidence(session, uri, EvidenceId.parse(evidence.group(1)));
            }
            throw notFound("no such resource: " + uri + "; Regent serves " + MODEL_TEMPLATE + ", " + VERSION_TEMPLATE + ", "
                    + CARD_TEMPLATE + " and " + EVIDENCE_TEMPLATE);
        } catch (RegentException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw notFound(e.getMessage());
            }
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.code() + ": " + e.getMessage()).build();
        }
    }

    private static ReadResourceResult card(RegistrySession session, String uri, ModelName model, VersionNumber number) {
        CardRevision revision = session.card(model, number).orElseThrow(() -> RegentException.notFound(
                model + " version " + number + " has no model card yet"));
        String markdown = ModelCard.fromCanonicalJson(revision.canonicalJson()).toMarkdown(model + " version " + number);
        return new ReadResourceResult(List.of(new TextResourceContents(uri, "text/markdown", markdown)));
    }

    private static ReadResourceResult evidence(RegistrySession session, String uri, EvidenceId id) {
        Evidence e = session.evidence(id);
        Optional<String> text = e.stored() ? session.evidenceContent(id).flatMap(Resources::utf8) : Optional.empty();
        if (text.isPresent()) {
            String mime = text.get().stripLeading().startsWith("{") ? "application/json" : "text/plain";
            return new ReadResourceResult(List.of(new TextResourceContents(uri, mime, text.get())));
        }
        return new ReadResourceResult(List.of(new TextResourceContents(uri, "application/json",
                Results.jsonText(EvidenceWire.of(e)))));
    }

    private static Optional<String> utf8(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(Limits.CONTENT_BYTES + 1);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored evidence", e);
        }
    }

    private static McpError notFound(String message) {
        return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND).message(message).build();
    }
}
