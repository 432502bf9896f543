package dev.regent.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.ApiError;
import dev.regent.api.ErrorWire;
import dev.regent.api.ReportWire;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Registry;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request as the routes see it: the authenticated caller, typed path and query parameters, the body read within
 * its limit, and the conversions from reports to replies. Holds no rules; the Registry decides.
 */
public final class Call {
    private final Context ctx;
    private final PrincipalRecord caller;
    private final ServerParts parts;
    private byte[] body;
    private Digest uploaded;

    Call(Context ctx, PrincipalRecord caller, ServerParts parts) {
        this.ctx = ctx;
        this.caller = caller;
        this.parts = parts;
    }

    Context ctx() {
        return ctx;
    }

    /**
     * The registry for this request; with a {@code Regent-Via} header (e.g. an agent's MCP tool), one that records
     * that channel in every audit entry the request writes. The header is the client's declaration, kept for the
     * record; it grants nothing.
     */
    public Registry registry() {
        String via = ctx.header("Regent-Via");
        return via == null || via.isBlank() ? parts.registry() : parts.registry().via(via.trim());
    }

    ServerParts parts() {
        return parts;
    }

    /** The audit tree's signer (503 when this server was started without a signing key). */
    dev.regent.core.audit.tree.CheckpointSigner audit() {
        if (parts.audit() == null) {
            throw new ApiException(ApiError.UNAVAILABLE, "this server was started without an audit signing key");
        }
        return parts.audit();
    }

    ObjectMapper mapper() {
        return parts.mapper();
    }

    /** The authenticated principal: the actor of every Registry call (never a body field). */
    public Principal actor() {
        if (caller == null) {
            throw new IllegalStateException("a public route asked for the caller");
        }
        return caller.principal();
    }

    PrincipalRecord caller() {
        return caller;
    }

    ModelName model() {
        return ModelName.of(ctx.pathParam("model"));
    }

    VersionNumber version() {
        return VersionNumber.parse(ctx.pathParam("version"));
    }

    String path(String name) {
        return ctx.pathParam(name);
    }

    /** A query parameter, or null when absent. */
    String query(String name) {
        return ctx.queryParam(name);
    }

    String requiredQuery(String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw RegentException.invalid("query parameter '" + name + "' is required");
        }
        return value;
    }

    /** {@code dry_run=true|false} (absent: false). */
    boolean dryRun() {
        return bool("dry_run");
    }

    boolean bool(String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw RegentException.invalid("query parameter '" + name + "' must be true or false, got '" + value + "'");
    }

    /** The reason of a DELETE ({@code ?reason=…}, required). */
    Reason reason() {
        return Reason.of(requiredQuery("reason"));
    }

    /** The page size: {@code page_size} within 1..max, default from the config. */
    int pageSize() {
        String raw = ctx.queryParam("page_size");
        ServerConfig config = parts.config();
        if (raw == null) {
            return config.defaultPageSize();
        }
        int size;
        try {
            size = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw RegentException.invalid("page_size must be a number between 1 and " + config.maxPageSize() + ", got '" + raw + "'");
        }
        if (size < 1 || size > config.maxPageSize()) {
            throw RegentException.invalid("page_size must be between 1 and " + config.maxPageSize() + ", got " + size);
        }
        return size;
    }

    /** Every query parameter with its values (repeated parameters in order). */
    public Map<String, java.util.List<String>> queryParams() {
        return ctx.queryParamMap();
    }

    /** The HTTP method, upper case. */
    public String method() {
        return ctx.method().name();
    }

    /**
     * The body read as a JSON tree within the server's limits, or null when the body is empty (DELETE requests
     * often have none).
     */
    public com.fasterxml.jackson.databind.JsonNode bodyTree() throws IOException {
        byte[] bytes = body();
        return bytes.length == 0 ? null : mapper().readTree(bytes);
    }

    /** The cursor inside a page token given back (null for none); INVALID_ARGUMENT when it is not ours for this listing. */
    public String pageCursor(String token, String route, Map<String, String> params) {
        return parts.pageTokens().cursor(token, route, params);
    }

    /** A signed token for the page after {@code cursor} of this listing. */
    public String nextPageToken(String route, Map<String, String> params, String cursor) {
        return parts.pageTokens().issue(route, params, cursor);
    }

    /** Counts a report in the metrics (gate refusals; transitions when {@code transition} and applied). */
    public void observe(OperationReport report, boolean transition) {
        if (transition) {
            parts.metrics().transition(report);
        }
        parts.metrics().report(report);
    }

    /** The raw body, read once, at most the JSON limit (413 beyond it, before reading when Content-Length says so). */
    byte[] body() {
        if (body == null) {
            body = BodyReader.read(ctx, parts.config().maxJsonBytes());
        }
        return body;
    }

    /** The body as UTF-8 text (400 for invalid UTF-8). */
    String bodyText() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body())).toString();
        } catch (CharacterCodingException e) {
            throw RegentException.invalid("the request body is not valid UTF-8");
        }
    }

    /** The body read as a request record (errors name the field). */
    <T> T body(Class<T> type) throws IOException {
        byte[] bytes = body();
        if (bytes.length == 0) {
            throw RegentException.invalid("a JSON request body is required");
        }
        // the whole document is read as a tree first, so its limits (nesting depth, string and number lengths)
        // are enforced before any field is interpreted
        com.fasterxml.jackson.databind.JsonNode tree = mapper().readTree(bytes);
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            throw RegentException.invalid("the request body must be a JSON object");
        }
        return mapper().treeToValue(tree, type);
    }

    /** Streams the body into the blob store (bounded by the upload limit) and returns its digest; once per request. */
    Digest upload() {
        if (uploaded == null) {
            uploaded = stream("the evidence file", in -> parts.blobs().put(in, parts.config().maxUploadBytes()));
        }
        return uploaded;
    }

    /**
     * Streams the body into the blob store through the registry (which checks the caller may contribute to the
     * model), hashed while streaming and bounded by the upload limit (413 beyond); returns its digest and size.
     */
    dev.regent.api.BlobWire uploadBlob(ModelName model) {
        long[] size = new long[1];
        Digest digest = stream("the file", in -> {
            Digest d = registry().artifacts().storeBlob(actor(), model, in, parts.config().maxUploadBytes());
            size[0] = ((BodyReader.Counting) in).count();
            return d;
        });
        return new dev.regent.api.BlobWire(digest.value(), size[0]);
    }

    private Digest stream(String what, java.util.function.Function<InputStream, Digest> sink) {
        long max = parts.config().maxUploadBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw BodyReader.tooLarge(declared, max);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            BodyReader.Counting counting = new BodyReader.Counting(in);
            if (declared == 0) {
                throw RegentException.invalid("the upload is empty: send " + what + " as the request body");
            }
            try {
                Digest digest = sink.apply(counting);
                if (counting.count() == 0) {
                    throw RegentException.invalid("the upload is empty: send " + what + " as the request body");
                }
                return digest;
            } catch (RegentException e) {
                if (counting.count() > max) {
                    throw BodyReader.tooLarge(counting.count(), max);
                }
                throw e;
            }
        } catch (IOException e) {
            throw RegentException.invalid("the upload was interrupted: " + e.getMessage());
        }
    }

    boolean isJsonBody() {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    /**
     * The reply for an operation report: 2xx with the report when applied or planned ({@code appliedStatus} for an
     * applied create, 200 otherwise), or the refusal's status with the error body and the report in details.
     */
    Reply report(OperationReport report, int appliedStatus) {
        parts.metrics().report(report);
        ReportWire wire = ReportWire.of(report);
        if (report.outcome() == Outcome.REFUSED) {
            ErrorCode code = report.refusal();
            return Reply.json(code.httpStatus(), ErrorWire.of(code.name(), report.summary(), Map.of("report", wire)));
        }
        return Reply.json(report.outcome() == Outcome.APPLIED ? appliedStatus : 200, wire);
    }

    Reply report(OperationReport report) {
        return report(report, 200);
    }

    /** A report of a stage or alias move: counted as a transition when applied. */
    Reply transition(OperationReport report) {
        parts.metrics().transition(report);
        return report(report, 200);
    }

    /** The If-Match precondition of an update: 428 when missing, 412 when it is not the current ETag. */
    void requireIfMatch(String currentEtag) {
        if (!ifMatchAccepts(currentEtag)) {
            throw new ApiException(ApiError.PRECONDITION_FAILED, "the resource changed since you read it (its ETag is now "
                    + currentEtag + "); read it again and retry", Map.of("etag", currentEtag));
        }
    }

    /**
     * Whether the request's If-Match accepts this ETag (428 when the header is missing). The routes check it once
     * up front for a fast 412, and hand it to the core to test again under the write lock, so no write can slip in
     * between the check and the update.
     */
    boolean ifMatchAccepts(String etag) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(ApiError.PRECONDITION_REQUIRED, "this update needs an If-Match header with the ETag of "
                    + "the resource as you read it (GET it first)");
        }
        if (ifMatch.trim().equals("*")) {
            return true;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
