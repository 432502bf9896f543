package dev.regent.mcp;

import dev.regent.api.EvidenceWire;
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
 * Model cards and evidence (eval reports among them) as MCP resources, read-only:
 * {@code regent://models/{model}/versions/{version}/card} (the current card as Markdown) and
 * {@code regent://evidence/{id}} (stored text content such as an eval report's JSON, else the evidence record).
 */
final class Resources {
    static final String CARD_TEMPLATE = "regent://models/{model}/versions/{version}/card";
    static final String EVIDENCE_TEMPLATE = "regent://evidence/{id}";
    // the model is one percent-encoded segment (RFC 6570 expands {model} so): 256 code points of 4 UTF-8 bytes as %XX
    private static final Pattern CARD = Pattern.compile("regent://models/([^/]{1,3072})/versions/([0-9]{1,10})/card");
    private static final Pattern EVIDENCE = Pattern.compile("regent://evidence/([^/]{1,64})");

    private final CallerSessions sessions;

    Resources(CallerSessions sessions) {
        this.sessions = sessions;
    }

    List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                new SyncResourceTemplateSpecification(new ResourceTemplate(CARD_TEMPLATE, "model-card", "Model card",
                        "The current model card of a version, rendered as Markdown.", "text/markdown", null),
                        (exchange, request) -> read(request.uri(), exchange.transportContext())),
                new SyncResourceTemplateSpecification(new ResourceTemplate(EVIDENCE_TEMPLATE, "evidence", "Evidence",
                        "Evidence by id: the stored content when it is text (an eval report's JSON), else the evidence "
                                + "record as JSON.", "application/json", null),
                        (exchange, request) -> read(request.uri(), exchange.transportContext())));
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
            Matcher card = CARD.matcher(uri == null ? "" : uri);
            if (card.matches()) {
                return card(session, uri, ModelName.of(pathSegment(card.group(1))), VersionNumber.parse(card.group(2)));
            }
            Matcher evidence = EVIDENCE.matcher(uri == null ? "" : uri);
            if (evidence.matches()) {
                return evidence(session, uri, EvidenceId.parse(evidence.group(1)));
            }
            throw notFound("no such resource: " + uri + "; Regent serves " + CARD_TEMPLATE + " and " + EVIDENCE_TEMPLATE);
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
