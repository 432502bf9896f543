package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.approval.Decision;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Params;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.registry.Annotations;
import dev.regent.core.registry.NewEvidence;
import dev.regent.core.registry.NewVersion;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON request bodies of the API. Each validates in its compact constructor (through the core's value types, so
 * the messages are the CLI's) and maps to the core's command values. Fields the server owns (creator, times, stage,
 * version numbers, approver…) are not components: sending one is refused by {@link RegentJson} with a 400 naming it.
 */
public final class Requests {
    private Requests() {
    }

    static <V> Map<String, V> map(String field, Map<String, V> values) {
        if (values == null) {
            return Map.of();
        }
        values.forEach((k, v) -> {
            if (v == null) {
                throw RegentException.invalid("'" + field + "." + k + "' must not be null");
            }
        });
        return Map.copyOf(values);
    }

    static List<String> list(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw RegentException.invalid("'" + field + "[" + i + "]' must not be null");
            }
        }
        return List.copyOf(values);
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw RegentException.invalid("'" + field + "' is required");
        }
        return value;
    }

    /** {@code POST /api/v1/models}: {@code name} (required), {@code description}, {@code tags}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateModel(String name, String description, Map<String, String> tags) {
        public CreateModel {
            ModelName.of(required("name", name));
            Description.of(description);
            tags = map("tags", tags);
            Tags.of(tags);
        }

        public ModelName modelName() {
            return ModelName.of(name);
        }

        public Description toDescription() {
            return Description.of(description);
        }

        public Tags toTags() {
            return Tags.of(tags);
        }
    }

    /**
     * {@code PATCH} of a model or version: {@code description} (absent keeps it), {@code tags} to set, {@code remove_tags}
     * to remove. At least one change is required.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(String description, Map<String, String> tags, List<String> removeTags) {
        public Update {
            tags = map("tags", tags);
            removeTags = list("remove_tags", removeTags);
            new Annotations(description == null ? null : Description.of(description), tags, new HashSet<>(removeTags));
        }

        public Annotations toAnnotations() {
            return new Annotations(description == null ? null : Description.of(description), tags, new HashSet<>(removeTags));
        }
    }

    /**
     * {@code POST /api/v1/models/{model}/versions}: {@code source} (required), {@code digest} (sha256:…, optional),
     * lineage ({@code run_id}, {@code dataset_version}, {@code code_version}), {@code metrics} (finite numbers),
     * {@code params}, {@code description}, {@code tags}. With {@code artifact} ("file" or "directory") the digest names
     * an artifact uploaded first to {@code POST …/blobs} (a directory: its manifest) and the source is optional
     * (default {@code regent-blob:sha256:…}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RegisterVersion(String source, String digest, String runId, String datasetVersion, String codeVersion,
                                  Map<String, Double> metrics, Map<String, String> params, String description,
                                  Map<String, String> tags, String artifact) {
        public RegisterVersion {
            if (artifact == null) {
                SourceUri.of(required("source", source));
            } else {
                ArtifactKind.parse(artifact);
                Digest.parse(required("digest", digest));
                if (source != null) {
                    SourceUri.of(source);
                }
            }
            if (digest != null) {
                Digest.parse(digest);
            }
            new Lineage(runId, datasetVersion, codeVersion);
            metrics = map("metrics", metrics);
            params = map("params", params);
            tags = map("tags", tags);
            Metrics.of(metrics);
            Params.of(params);
            Description.of(description);
            Tags.of(tags);
        }

        /** What the registry stores of the artifact ("file" or "directory", uploaded first), or null for none. */
        public ArtifactKind storedKind() {
            return artifact == null ? null : ArtifactKind.parse(artifact);
        }

        public NewVersion toNewVersion(ModelName model) {
            Lineage lineage = new Lineage(runId, datasetVersion, codeVersion);
            if (artifact != null) {
                return NewVersion.stored(model, source == null ? null : SourceUri.of(source), Digest.parse(digest), lineage,
                        Metrics.of(metrics), Params.of(params), Description.of(description), Tags.of(tags));
            }
            return new NewVersion(model, SourceUri.of(source), digest == null ? null : Digest.parse(digest),
                    lineage, Metrics.of(metrics), Params.of(params),
                    Description.of(description), Tags.of(tags));
        }
    }

    /** {@code POST …/versions/{version}/promote}: {@code stage} and {@code reason} (both required). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Promote(String stage, String reason) {
        public Promote {
            Stage.parse(required("stage", stage));
            Reason.of(required("reason", reason));
        }

        public Stage toStage() {
            return Stage.parse(stage);
        }

        public Reason toReason() {
            return Reason.of(reason);
        }
    }

    /** {@code POST /api/v1/models/{model}/rename}: {@code new_name} (required), {@code reason} (optional). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rename(String newName, String reason) {
        public Rename {
            ModelName.of(required("new_name", newName));
        }

        public ModelName toName() {
            return ModelName.of(newName);
        }
    }

    /** {@code POST /api/v1/models/{model}/rollback}: {@code stage}, {@code reason} (required), {@code to} (a version). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rollback(String stage, String reason, Integer to) {
        public Rollback {
            Stage.parse(required("stage", stage));
            Reason.of(required("reason", reason));
            if (to != null) {
                VersionNumber.of(to);
            }
        }

        public Stage toStage() {
            return Stage.parse(stage);
        }

        public Reason toReason() {
            return Reason.of(reason);
        }

        public VersionNumber toVersion() {
            return to == null ? null : VersionNumber.of(to);
        }
    }

    /** {@code PUT …/aliases/{alias}}: {@code version} and {@code reason} (both required). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SetAlias(Integer version, String reason) {
        public SetAlias {
            VersionNumber.of(required("version", version));
            Reason.of(required("reason", reason));
        }

        public VersionNumber toVersion() {
            return VersionNumber.of(version);
        }

        public Reason toReason() {
            return Reason.of(reason);
        }
    }

    /** A body with only a {@code reason} (required): revoking evidence. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WithReason(String reason) {
        public WithReason {
            Reason.of(required("reason", reason));
        }

        public Reason toReason() {
            return Reason.of(reason);
        }
    }

    /**
     * {@code POST …/versions/{version}/evidence} with {@code Content-Type: application/json}: evidence that lives
     * elsewhere, pinned by its digest: {@code kind}, {@code uri}, {@code digest} (all required), {@code summary}.
     * (Uploads send the raw bytes instead, with {@code kind} and {@code summary} as query parameters.)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EvidenceByUri(String kind, String uri, String digest, String summary) {
        public EvidenceByUri {
            EvidenceKind.of(required("kind", kind));
            SourceUri.of(required("uri", uri));
            Digest.parse(required("digest", digest));
            summary = summary == null ? "" : summary;
            if (summary.length() > NewEvidence.MAX_SUMMARY) {
                throw RegentException.invalid("summary is " + summary.length() + " characters; the limit is " + NewEvidence.MAX_SUMMARY);
            }
        }

        public NewEvidence toNewEvidence(ModelName model, VersionNumber version) {
            return NewEvidence.referenced(model, version, EvidenceKind.of(kind), SourceUri.of(uri), Digest.parse(digest), summary);
        }
    }

    /** {@code PUT …/tags/{tag}}: {@code evidence} (required): the id of the evidence that supports the tag. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SetTag(String evidence) {
        public SetTag {
            EvidenceId.parse(required("evidence", evidence));
        }

        public EvidenceId toEvidence() {
            return EvidenceId.parse(evidence);
        }
    }

    /**
     * {@code POST …/versions/{version}/approvals}: {@code target} (a stage or alias, required), {@code decision}
     * (APPROVE or REJECT, required), {@code comment} (required for REJECT). The approver is the caller.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Decide(String target, String decision, String comment) {
        public Decide {
            GateTarget.parse(required("target", target));
            toDecision(required("decision", decision));
            if (toDecision(decision) == Decision.REJECT && (comment == null || comment.isBlank())) {
                throw RegentException.invalid("'comment' is required for a rejection: say what must change");
            }
        }

        private static Decision toDecision(String text) {
            try {
                return Decision.valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw RegentException.invalid("'decision' must be APPROVE or REJECT, got '" + text + "'");
            }
        }

        public GateTarget toTarget() {
            return GateTarget.parse(target);
        }

        public Decision toDecision() {
            return toDecision(decision);
        }
    }

    /**
     * {@code POST /api/v1/principals}: registers {@code name} with {@code role} (optionally on {@code model}), or adds
     * the grant to an existing principal. {@code kind}: user (default), service or agent.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AddPrincipal(String name, String kind, String role, String model) {
        public AddPrincipal {
            Principal.of(required("name", name));
            Role.parse(required("role", role));
            if (model != null) {
                ModelName.of(model);
            }
            kind = kind == null ? "user" : kind;
            toKind(kind);
        }

        private static PrincipalKind toKind(String text) {
            try {
                return PrincipalKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw RegentException.invalid("'kind' must be user, service or agent, got '" + text + "'");
            }
        }

        public Principal toPrincipal() {
            return Principal.of(name);
        }

        public PrincipalKind toKind() {
            return toKind(kind);
        }

        public Grant toGrant() {
            return Grant.of(role, model);
        }
    }

    /** {@code POST /api/v1/principals/{principal}/revoke}: the grant to take away, {@code role} and optional {@code model}. */
    public record RevokeGrant(String role, String model) {
        public RevokeGrant {
            Role.parse(required("role", role));
            if (model != null) {
                ModelName.of(model);
            }
        }

        public Grant toGrant() {
            return Grant.of(role, model);
        }
    }

    /**
     * {@code POST /api/v1/tokens}: {@code principal} (default: the caller), {@code expires_in} (ISO-8601 duration such
     * as {@code P30D} or {@code PT12H}; absent: never expires), {@code description}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CreateToken(String principal, String expiresIn, String description) {
        public static final int MAX_DESCRIPTION = 500;

        public CreateToken {
            if (principal != null) {
                Principal.of(principal);
            }
            toLifetime(expiresIn);
            description = description == null ? "" : description;
            if (description.length() > MAX_DESCRIPTION) {
                throw RegentException.invalid("'description' is " + description.length() + " characters; the limit is " + MAX_DESCRIPTION);
            }
        }

        private static Duration toLifetime(String text) {
            if (text == null) {
                return null;
            }
            Duration d;
            try {
                d = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw RegentException.invalid("'expires_in' must be an ISO-8601 duration such as P30D or PT12H, got '" + text + "'");
            }
            if (d.isNegative() || d.isZero()) {
                throw RegentException.invalid("'expires_in' must be positive, got " + text);
            }
            return d;
        }

        /** The subject: the named principal, or the caller when none is named. */
        public Principal toPrincipal(Principal caller) {
            return principal == null ? caller : Principal.of(principal);
        }

        /** The lifetime, or null for a token that does not expire. */
        public Duration toLifetime() {
            return toLifetime(expiresIn);
        }
    }
}
