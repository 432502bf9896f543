package dev.regent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The collection documents of the API. Paged ones carry {@code next_page_token} only when there is a next page;
 * pass it back as {@code page_token} with the same other parameters.
 */
public final class ListWires {
    private ListWires() {
    }

    /** {@code GET /api/v1/models}: {@code {"models": [...], "next_page_token"?}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Models(List<ModelWire> models, @JsonInclude(JsonInclude.Include.NON_NULL) String nextPageToken) {
        public Models {
            models = models == null ? List.of() : List.copyOf(models);
        }
    }

    /** {@code GET /api/v1/models/{model}/versions}: versions with their aliases. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Versions(List<VersionWire> versions, @JsonInclude(JsonInclude.Include.NON_NULL) String nextPageToken) {
        public Versions {
            versions = versions == null ? List.of() : List.copyOf(versions);
        }
    }

    /** {@code GET /api/v1/audit}: {@code {"entries": [...], "next_page_token"?}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AuditEntries(List<AuditEntryWire> entries, @JsonInclude(JsonInclude.Include.NON_NULL) String nextPageToken) {
        public AuditEntries {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /** {@code GET …/history}: {@code {"model", "transitions": [...]}}, oldest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record History(String model, List<TransitionWire> transitions) {
        public History {
            transitions = transitions == null ? List.of() : List.copyOf(transitions);
        }
    }

    /** {@code GET …/evidence}: {@code {"evidence": [...]}}, oldest first, revoked included. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EvidenceList(List<EvidenceWire> evidence) {
        public EvidenceList {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    /** {@code GET …/approvals}: {@code {"approvals": [...]}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Approvals(List<ApprovalWire> approvals) {
        public Approvals {
            approvals = approvals == null ? List.of() : List.copyOf(approvals);
        }
    }

    /** {@code GET /api/v1/policy/revisions}: {@code {"revisions": [...]}}, oldest first, without their text. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PolicyRevisions(List<PolicyRevisionWire> revisions) {
        public PolicyRevisions {
            revisions = revisions == null ? List.of() : List.copyOf(revisions);
        }
    }

    /** {@code GET /api/v1/principals}: {@code {"principals": [...]}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Principals(List<PrincipalWire> principals) {
        public Principals {
            principals = principals == null ? List.of() : List.copyOf(principals);
        }
    }

    /** {@code GET /api/v1/tokens}: {@code {"tokens": [...]}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tokens(List<TokenWire> tokens) {
        public Tokens {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    /** {@code GET …/tags}: {@code {"model", "version", "tags": [...]}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tags(String model, int version, List<TagWire> tags) {
        public Tags {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** {@code GET …/card/revisions}: {@code {"model", "version", "revisions": [...]}}, oldest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CardRevisions(String model, int version, List<CardRevisionWire> revisions) {
        public CardRevisions {
            revisions = revisions == null ? List.of() : List.copyOf(revisions);
        }
    }

    /** {@code GET …/aliases}: {@code {"model", "aliases": {name: version}}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Aliases(String model, SortedMap<String, Integer> aliases) {
        public Aliases {
            aliases = aliases == null ? new TreeMap<>() : new TreeMap<>(aliases);
        }
    }

    /** {@code GET /health} and {@code GET /ready}: {@code {"status": "ok" | "unavailable"}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(String status) {
    }
}
