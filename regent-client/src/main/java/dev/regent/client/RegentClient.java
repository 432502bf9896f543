package dev.regent.client;

import dev.regent.api.CardRevisionWire;
import dev.regent.api.EvidenceWire;
import dev.regent.api.GatesWire;
import dev.regent.api.ListWires;
import dev.regent.api.ModelOverviewWire;
import dev.regent.api.ModelWire;
import dev.regent.api.PolicyWire;
import dev.regent.api.PrincipalWire;
import dev.regent.api.TokenCreatedWire;
import dev.regent.api.TokenWire;
import dev.regent.api.VersionWire;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.approval.ApprovalView;
import dev.regent.core.approval.Decision;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.registry.Annotations;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.registry.NewEvidence;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Page;
import dev.regent.core.registry.RegistrySession;
import dev.regent.core.registry.TagSupport;
import dev.regent.core.registry.TokenIssued;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RegistrySession} over the native REST API: the principal is the token's owner, every rule is the server's,
 * and the results are the same domain values the in-process registry returns, so callers (the CLI) cannot tell the
 * difference. Errors come back as {@link RegentException}s with the server's codes and messages.
 */
public final class RegentClient implements RegistrySession {
    private static final String API = "/api/v1";
    private final HttpExchange http;
    /** The token's principal, asked of the server (whoami) the first time it is needed, not on every command. */
    private final java.util.concurrent.atomic.AtomicReference<Principal> actor;

    private RegentClient(HttpExchange http, java.util.concurrent.atomic.AtomicReference<Principal> actor) {
        this.http = http;
        this.actor = actor;
    }

    /**
     * A client of the registry at {@code base} (http(s)://host:port) with a bearer token. No request is made here:
     * every call is one round trip, and a bad token is told by the first one (as by {@link #actor()}).
     */
    public static RegentClient connect(URI base, String token) {
        return new RegentClient(new HttpExchange(base, token), new java.util.concurrent.atomic.AtomicReference<>());
    }

    /** The token's principal; the first call asks the server (whoami), which also checks the token. */
    @Override
    public Principal actor() {
        Principal known = actor.get();
        if (known == null) {
            PrincipalWire me = http.call(http.request(http.uri(API + "/whoami", Map.of())).GET().build(), PrincipalWire.class);
            known = Principal.of(me.name());
            actor.compareAndSet(null, known);
        }
        return known;
    }

    /**
     * This client, declaring the channel its changes come through (e.g. "mcp:promote"); the server records it in
     * every audit entry those changes write, as "via". It is the caller's declaration, not an authentication.
     */
    public RegentClient via(String channel) {
        return new RegentClient(http.withChannel(channel), actor);
    }

    private static String m(ModelName model) {
        return API + "/models/" + HttpExchange.segment(model.value());
    }

    private static String v(ModelName model, VersionNumber number) {
        return m(model) + "/versions/" + number;
    }

    private <T> T get(String path, Map<String, ?> query, Class<T> type) {
        return http.call(http.request(http.uri(path, query)).GET().build(), type);
    }

    private OperationReport send(String method, String path, Map<String, Object> query, Object body, boolean dryRun,
                                 boolean idempotent) {
        query.put("dry_run", dryRun ? "true" : null);
        HttpRequest request = body == null
                ? http.request(http.uri(path, query)).method(method, HttpRequest.BodyPublishers.noBody()).build()
                : http.withJson(method, http.uri(path, query), body, idempotent).build();
        return http.report(request);
    }

    private static Map<String, Object> q(Object... pairs) {
        return HttpExchange.query(pairs);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> b = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                b.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return b;
    }

    /** The server's policy in effect for a model (its override applied), or its defaults for null. */
    public PolicyWire policy(ModelName model) {
        return get(API + "/policy", q("model", model == null ? null : model.value()), PolicyWire.class);
    }

    /** The revision in effect, in words, without compiling its text here (CEL takes a second to load on first use). */
    @Override
    public String policySource() {
        dev.regent.api.PolicyRevisionWire r = policy(null).revision();
        return "policy revision " + r.revision() + " (" + dev.regent.core.model.Digest.parse(r.digest()).shortForm()
                + "), from " + r.source();
    }

    @Override
    public dev.regent.core.policy.EffectivePolicy policy() {
        return compiled(policy(null).revision());
    }

    @Override
    public dev.regent.core.policy.EffectivePolicy policyRevision(int number) {
        return compiled(get(API + "/policy/revisions/" + number, q(), dev.regent.api.PolicyRevisionWire.class));
    }

    /** The revision as the server sent it, compiled here from its text (the same parser as the server's). */
    private static dev.regent.core.policy.EffectivePolicy compiled(dev.regent.api.PolicyRevisionWire wire) {
        dev.regent.core.policy.PolicyRevision r = wire.toDomain();
        return new dev.regent.core.policy.EffectivePolicy(r, dev.regent.core.policy.PolicyParser.parse(r.text(), r.source()));
    }

    @Override
    public List<dev.regent.core.policy.PolicyRevision> policyHistory() {
        return get(API + "/policy/revisions", q(), dev.regent.api.ListWires.PolicyRevisions.class).revisions().stream()
                .map(dev.regent.api.PolicyRevisionWire::toDomain).toList();
    }

    @Override
    public OperationReport applyPolicy(dev.regent.core.policy.Policy policy, Reason reason, boolean dryRun) {
        return send("POST", API + "/policy", q(), body("yaml", policy.text(), "source", policy.source(), "reason", reason.text()),
                dryRun, false);
    }

    @Override
    public OperationReport applyPolicyRevision(int revision, Reason reason, boolean dryRun) {
        return send("POST", API + "/policy", q(), body("revision", revision, "reason", reason.text()), dryRun, false);
    }

    @Override
    public List<Finding> gatesUnder(dev.regent.core.policy.Policy whatIf, ModelName model, VersionNumber number, GateTarget target) {
        return http.call(http.withJson("POST", http.uri(v(model, number) + "/gates/what-if", q()), body("target", target.wire(),
                "yaml", whatIf.text(), "source", whatIf.source()), false).build(), GatesWire.class).toDomain();
    }

    // ---- principals and tokens ----

    @Override
    public OperationReport addPrincipal(Principal subject, PrincipalKind kind, Grant grant, boolean dryRun) {
        return send("POST", API + "/principals", q(), body("name", subject.name(), "kind", kind.name().toLowerCase(),
                "role", grant.role().label(), "model", grant.model() == null ? null : grant.model().value()), dryRun, false);
    }

    @Override
    public OperationReport revokeGrant(Principal subject, Grant grant, boolean dryRun) {
        return send("POST", API + "/principals/" + HttpExchange.segment(subject.name()) + "/revoke", q(), body("role", grant.role().label(),
                "model", grant.model() == null ? null : grant.model().value()), dryRun, false);
    }

    @Override
    public List<PrincipalRecord> principals() {
        return get(API + "/principals", Map.of(), ListWires.Principals.class).principals().stream()
                .map(PrincipalWire::toDomain).toList();
    }

    @Override
    public TokenIssued issueToken(Principal subject, Duration lifetime, String description, boolean dryRun) {
        Map<String, Object> query = q("dry_run", dryRun ? "true" : null);
        HttpRequest request = http.withJson("POST", http.uri(API + "/tokens", query), body("principal", subject.name(),
                "expires_in", lifetime == null ? null : lifetime.toString(), "description", description), false).build();
        HttpResponse<byte[]> response = http.send(request);
        if (response.statusCode() / 100 != 2) {
            OperationReport refused = http.refusedReport(response.body())
                    .orElseThrow(() -> http.error(response.statusCode(), response.body()));
            return new TokenIssued(refused, null, null);
        }
        TokenCreatedWire created = http.decode(response.body(), TokenCreatedWire.class);
        return new TokenIssued(created.report().toDomain(), created.id(), created.token());
    }

    @Override
    public OperationReport revokeToken(String tokenId, boolean dryRun) {
        return send("DELETE", API + "/tokens/" + HttpExchange.segment(tokenId), q(), null, dryRun, false);
    }

    @Override
    public List<TokenRecord> tokens(Principal of) {
        Map<String, Object> query = of == null ? q("all", "true") : q("principal", of.name());
        return get(API + "/tokens", query, ListWires.Tokens.class).tokens().stream().map(RegentClient::token).toList();
    }

    private static TokenRecord token(TokenWire t) {
        return new TokenRecord(t.id(), Principal.of(t.principal()), null, t.description(), Principal.of(t.createdBy()),
                Instant.parse(t.createdAt()), t.expiresAt() == null ? null : Instant.parse(t.expiresAt()),
                t.revokedAt() == null ? null : Instant.parse(t.revokedAt()));
    }

    // ---- models ----

    @Override
    public OperationReport createModel(ModelName name, Description description, Tags tags, boolean dryRun) {
        return send("POST", API + "/models", q(), body("name", name.value(), "description", description.text(),
                "tags", tags.values()), dryRun, true);
    }

    @Override
    public OperationReport updateModel(ModelName name, Annotations change, boolean dryRun) {
        return patch(m(name), change, dryRun);
    }

    /** PATCH with the ETag just read, so a concurrent change is refused (412) rather than overwritten. */
    private OperationReport patch(String path, Annotations change, boolean dryRun) {
        HttpResponse<byte[]> current = http.send(http.request(http.uri(path, Map.of())).GET().build());
        if (current.statusCode() / 100 != 2) {
            throw http.error(current.statusCode(), current.body());
        }
        String etag = current.headers().firstValue("ETag").orElse("*");
        Map<String, Object> body = body("description", change.description() == null ? null : change.description().text(),
                "tags", change.setTags(), "remove_tags", List.copyOf(change.removeTags()));
        Map<String, Object> query = q("dry_run", dryRun ? "true" : null);
        return http.report(http.withJson("PATCH", http.uri(path, query), body, false).header("If-Match", etag).build());
    }

    @Override
    public OperationReport renameModel(ModelName from, ModelName to, String reason, boolean dryRun) {
        return send("POST", m(from) + "/rename", q(), body("new_name", to.value(), "reason", reason), dryRun, false);
    }

    @Override
    public OperationReport deleteModel(ModelName name, Reason reason, boolean dryRun) {
        return send("DELETE", m(name), q("reason", reason.text()), null, dryRun, false);
    }

    @Override
    public Model model(ModelName name) {
        return overview(name).model();
    }

    @Override
    public ModelOverview overview(ModelName name) {
        return get(m(name), Map.of(), ModelOverviewWire.class).toDomain();
    }

    @Override
    public Page<Model> models(String pageToken, int limit) {
        ListWires.Models page = get(API + "/models", q("page_size", limit, "page_token", pageToken), ListWires.Models.class);
        return new Page<>(page.models().stream().map(ModelWire::toDomain).toList(), page.nextPageToken());
    }

    // ---- versions ----

    @Override
    public OperationReport registerVersion(NewVersion r, boolean dryRun) {
        return send("POST", m(r.model()) + "/versions", q(), body("source", r.source().value(),
                "digest", r.digest() == null ? null : r.digest().value(), "run_id", r.lineage().runId(),
                "dataset_version", r.lineage().datasetVersion(), "code_version", r.lineage().codeVersion(),
                "metrics", r.metrics().values(), "params", r.params().values(), "description", r.description().text(),
                "tags", r.tags().values()), dryRun, true);
    }

    @Override
    public OperationReport updateVersion(ModelName model, VersionNumber number, Annotations change, boolean dryRun) {
        return patch(v(model, number), change, dryRun);
    }

    @Override
    public OperationReport deleteVersion(ModelName model, VersionNumber number, Reason reason, boolean dryRun) {
        return send("DELETE", v(model, number), q("reason", reason.text()), null, dryRun, false);
    }

    @Override
    public ModelVersion version(ModelName model, VersionNumber number) {
        return get(v(model, number), Map.of(), VersionWire.class).toDomain();
    }

    /** One request: the server's version answer names its aliases. */
    @Override
    public dev.regent.core.registry.VersionWithAliases versionWithAliases(ModelName model, VersionNumber number) {
        VersionWire wire = get(v(model, number), Map.of(), VersionWire.class);
        List<dev.regent.core.model.AliasName> aliases = wire.aliases() == null ? List.of()
                : wire.aliases().stream().sorted().map(dev.regent.core.model.AliasName::of).toList();
        return new dev.regent.core.registry.VersionWithAliases(wire.toDomain(), aliases);
    }

    @Override
    public Page<ModelVersion> versions(ModelName model, String pageToken, int limit) {
        ListWires.Versions page = get(m(model) + "/versions", q("page_size", limit, "page_token", pageToken),
                ListWires.Versions.class);
        return new Page<>(page.versions().stream().map(VersionWire::toDomain).toList(), page.nextPageToken());
    }

    // ---- stages and aliases ----

    @Override
    public OperationReport promote(ModelName model, VersionNumber number, Stage target, Reason reason, boolean dryRun) {
        return send("POST", v(model, number) + "/promote", q(), body("stage", target.label(), "reason", reason.text()),
                dryRun, false);
    }

    @Override
    public OperationReport rollback(ModelName model, Stage stage, Reason reason, VersionNumber to, boolean dryRun) {
        return send("POST", m(model) + "/rollback", q(), body("stage", stage.label(), "reason", reason.text(),
                "to", to == null ? null : to.value()), dryRun, false);
    }

    @Override
    public OperationReport setAlias(ModelName model, AliasName alias, VersionNumber number, Reason reason, boolean dryRun) {
        return send("PUT", m(model) + "/aliases/" + HttpExchange.segment(alias.value()), q(),
                body("version", number.value(), "reason", reason.text()), dryRun, false);
    }

    @Override
    public OperationReport deleteAlias(ModelName model, AliasName alias, Reason reason, boolean dryRun) {
        return send("DELETE", m(model) + "/aliases/" + HttpExchange.segment(alias.value()), q("reason", reason.text()), null,
                dryRun, false);
    }

    @Override
    public List<Transition> history(ModelName model) {
        return get(m(model) + "/history", Map.of(), ListWires.History.class).transitions().stream()
                .map(t -> t.toDomain(model)).toList();
    }

    // ---- cards ----

    @Override
    public OperationReport setCard(ModelName model, VersionNumber number, ModelCard card, boolean dryRun) {
        HttpRequest request = http.request(http.uri(v(model, number) + "/card", q("format", "json", "dry_run",
                        dryRun ? "true" : null)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(card.canonicalJson())).build();
        return http.report(request);
    }

    @Override
    public Optional<CardRevision> card(ModelName model, VersionNumber number) {
        List<CardRevision> all = cardRevisions(model, number);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public List<CardRevision> cardRevisions(ModelName model, VersionNumber number) {
        ListWires.CardRevisions revisions = get(v(model, number) + "/card/revisions", Map.of(), ListWires.CardRevisions.class);
        List<CardRevision> result = new ArrayList<>();
        for (CardRevisionWire r : revisions.revisions()) {
            HttpResponse<byte[]> content = http.send(http.request(http.uri(v(model, number) + "/card",
                    q("format", "json", "revision", r.revision()))).GET().build());
            if (content.statusCode() / 100 != 2) {
                throw http.error(content.statusCode(), content.body());
            }
            String json = new String(content.body(), java.nio.charset.StandardCharsets.UTF_8);
            result.add(new CardRevision(model, number, r.revision(), json, Digest.parse(r.digest()), Principal.of(r.author()),
                    Instant.parse(r.at())));
        }
        return result;
    }

    // ---- evidence and tags ----

    @Override
    public OperationReport addEvidence(NewEvidence request, boolean dryRun) {
        String path = v(request.model(), request.version()) + "/evidence";
        if (request.content() instanceof NewEvidence.Referenced ref) {
            return send("POST", path, q(), body("kind", request.kind().value(), "uri", ref.uri().value(),
                    "digest", ref.digest().value(), "summary", request.summary()), dryRun, true);
        }
        if (request.content() instanceof NewEvidence.Inline inline) {
            Map<String, Object> query = q("kind", request.kind().value(), "summary", request.summary().isEmpty() ? null
                    : request.summary(), "digest", inline.digest().value(), "dry_run", dryRun ? "true" : null);
            return http.report(http.request(http.uri(path, query)).header("Content-Type", "application/octet-stream")
                    .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(inline.bytes())).build());
        }
        throw RegentException.invalid("content already in a server's blob store cannot be attached from a client; upload it");
    }

    @Override
    public OperationReport registerVersion(NewVersion r, dev.regent.core.artifact.ArtifactKind stored, boolean dryRun) {
        if (stored == null) {
            return registerVersion(r, dryRun);
        }
        boolean defaultSource = r.source().registryBlobDigest().isPresent();
        return send("POST", m(r.model()) + "/versions", q(), body("source", defaultSource ? null : r.source().value(),
                "digest", r.digest().value(), "artifact", stored.wireName(), "run_id", r.lineage().runId(),
                "dataset_version", r.lineage().datasetVersion(), "code_version", r.lineage().codeVersion(),
                "metrics", r.metrics().values(), "params", r.params().values(), "description", r.description().text(),
                "tags", r.tags().values()), dryRun, true);
    }

    /** Streams {@code size} bytes to {@code POST …/blobs}; the server hashes while storing and answers the digest. */
    @Override
    public dev.regent.core.model.Digest storeBlob(ModelName model, InputStream content, long size) {
        HttpRequest request = http.request(http.uri(m(model) + "/blobs", Map.of()))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> content), size))
                .build();
        return dev.regent.core.model.Digest.parse(http.call(request, dev.regent.api.BlobWire.class).digest());
    }

    /**
     * The version's stored artifact: for a directory, its manifest downloaded and checked against the registered
     * digest before it is believed; empty when the version has no digest or the server does not hold the artifact.
     */
    @Override
    public Optional<dev.regent.core.artifact.StoredArtifact> artifact(ModelName model, VersionNumber number) {
        Optional<dev.regent.core.model.Digest> registered = version(model, number).artifactDigest();
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        ArtifactDownload.Response response;
        try {
            response = ArtifactDownload.open(http, v(model, number) + "/artifact", null, registered.get());
        } catch (RegentException e) {
            if (e.code() == dev.regent.core.error.ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        if (response.kind() == dev.regent.core.artifact.ArtifactKind.FILE) {
            try (InputStream ignored = response.body()) {
                return Optional.of(new dev.regent.core.artifact.StoredArtifact(response.kind(), registered.get(), null));
            } catch (java.io.IOException e) {
                return Optional.of(new dev.regent.core.artifact.StoredArtifact(response.kind(), registered.get(), null));
            }
        }
        byte[] manifest;
        try (InputStream in = response.body()) {
            manifest = in.readNBytes(dev.regent.core.artifact.ArtifactManifest.MAX_BYTES + 1);
        } catch (java.io.IOException e) {
            throw new RegentException(dev.regent.core.error.ErrorCode.INTERNAL, "downloading the manifest of " + model + " version "
                    + number + " failed: " + e.getMessage(), e);
        }
        return Optional.of(new dev.regent.core.artifact.StoredArtifact(response.kind(), registered.get(),
                dev.regent.core.artifact.ArtifactManifest.parse(manifest)));
    }

    /**
     * Streams a stored artifact (or one file of a directory), checking while streaming against the digest the client
     * trusts (the registered one, or the file's in the verified manifest) — never the server's header alone: reading
     * to the end of content that does not match throws an IOException naming both digests.
     */
    @Override
    public InputStream artifactContent(ModelName model, VersionNumber number, String path) {
        dev.regent.core.model.Digest expected;
        if (path == null) {
            expected = version(model, number).artifactDigest().orElseThrow(() -> RegentException.notFound(
                    model + " version " + number + " has no registered digest, so the registry holds no artifact for it"));
        } else {
            dev.regent.core.artifact.ArtifactPath.of(path);
            dev.regent.core.artifact.StoredArtifact artifact = artifact(model, number).orElseThrow(() -> RegentException.notFound(
                    "the registry does not hold the artifact of " + model + " version " + number));
            if (artifact.manifest() == null) {
                throw RegentException.invalid("the artifact of " + model + " version " + number + " is a single file; "
                        + "download it without a path");
            }
            expected = artifact.manifest().find(path).orElseThrow(() -> RegentException.notFound("the artifact of " + model
                    + " version " + number + " has no file '" + path + "'")).digest();
        }
        return ArtifactDownload.open(http, v(model, number) + "/artifact", path, expected).body();
    }

    @Override
    public Evidence evidence(EvidenceId id) {
        return get(API + "/evidence/" + id.value(), Map.of(), EvidenceWire.class).toDomain();
    }

    @Override
    public List<Evidence> evidenceOf(ModelName model, VersionNumber number) {
        return get(v(model, number) + "/evidence", Map.of(), ListWires.EvidenceList.class).evidence().stream()
                .map(EvidenceWire::toDomain).toList();
    }

    @Override
    public Optional<InputStream> evidenceContent(EvidenceId id) {
        Evidence e = evidence(id);
        if (!e.stored()) {
            return Optional.empty();
        }
        return Optional.of(http.stream(http.request(http.uri(API + "/evidence/" + id.value() + "/content", Map.of()))
                .header("Accept", "application/octet-stream").GET().build()));
    }

    @Override
    public OperationReport revokeEvidence(EvidenceId id, Reason reason, boolean dryRun) {
        return send("POST", API + "/evidence/" + id.value() + "/revoke", q(), body("reason", reason.text()), dryRun, false);
    }

    @Override
    public OperationReport setComplianceTag(ModelName model, VersionNumber number, String tag, EvidenceId evidence,
                                            boolean dryRun) {
        return send("PUT", v(model, number) + "/tags/" + HttpExchange.segment(tag), q(), body("evidence", evidence.value()),
                dryRun, false);
    }

    @Override
    public OperationReport removeComplianceTag(ModelName model, VersionNumber number, String tag, Reason reason,
                                               boolean dryRun) {
        return send("DELETE", v(model, number) + "/tags/" + HttpExchange.segment(tag), q("reason", reason.text()), null,
                dryRun, false);
    }

    @Override
    public List<TagSupport> complianceTags(ModelName model, VersionNumber number) {
        return get(v(model, number) + "/tags", Map.of(), ListWires.Tags.class).tags().stream()
                .map(t -> t.toDomain(model, number)).toList();
    }

    // ---- approvals, gates, audit ----

    @Override
    public OperationReport decide(ModelName model, VersionNumber number, GateTarget target, Decision decision, String comment,
                                  boolean dryRun) {
        return send("POST", v(model, number) + "/approvals", q(), body("target", target.wire(), "decision", decision.name(),
                "comment", comment), dryRun, false);
    }

    @Override
    public List<ApprovalView> approvals(ModelName model, VersionNumber number) {
        return get(v(model, number) + "/approvals", Map.of(), ListWires.Approvals.class).approvals().stream()
                .map(a -> a.toDomain(model, number)).toList();
    }

    @Override
    public List<Finding> gates(ModelName model, VersionNumber number, GateTarget target) {
        return get(v(model, number) + "/gates", q("target", target.wire()), GatesWire.class).toDomain();
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        List<AuditEntry> entries = new ArrayList<>();
        String token = null;
        do {
            int size = Math.min(1000, query.limit() - entries.size());
            ListWires.AuditEntries page = get(API + "/audit", q("model", query.model() == null ? null : query.model().value(),
                    "after", query.afterSeq() == 0 ? null : query.afterSeq(), "page_size", size, "page_token", token),
                    ListWires.AuditEntries.class);
            page.entries().forEach(e -> entries.add(e.toDomain()));
            token = page.nextPageToken();
        } while (token != null && entries.size() < query.limit());
        return entries;
    }

}
