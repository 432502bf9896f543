package dev.regent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.evidence.EvalReport;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.evidence.Revocation;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Evidence, as {@code evidence show --json}: {@code id, model, version, kind, digest, stored, uri, summary, author, at},
 * {@code eval_report} (only for eval reports), {@code revoked}, and {@code revocation} (only when revoked).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvidenceWire(String id, String model, int version, String kind, String digest, boolean stored, String uri,
                           String summary, String author, String at,
                           @JsonInclude(JsonInclude.Include.NON_NULL) EvalReportWire evalReport, boolean revoked,
                           @JsonInclude(JsonInclude.Include.NON_NULL) RevocationWire revocation) {

    /** The parsed metrics of an eval report: {@code dataset, passed (null when not stated), metrics}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EvalReportWire(String dataset, Boolean passed, SortedMap<String, Double> metrics) {
        public EvalReportWire {
            metrics = metrics == null ? new TreeMap<>() : new TreeMap<>(metrics);
        }
    }

    /** Who revoked the evidence, when and why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RevocationWire(String by, String at, String reason) {
    }

    public static EvidenceWire of(Evidence e) {
        EvalReportWire eval = e.eval().map(r -> new EvalReportWire(r.dataset(), r.passed(), r.metrics().values())).orElse(null);
        RevocationWire revocation = e.revoked() ? new RevocationWire(e.revocation().by().name(), e.revocation().at().toString(),
                e.revocation().reason()) : null;
        return new EvidenceWire(e.id().value(), e.model().value(), e.version().value(), e.kind().value(), e.digest().value(),
                e.stored(), e.uri(), e.summary(), e.author().name(), e.at().toString(), eval, e.revoked(), revocation);
    }

    public Evidence toDomain() {
        EvalReport eval = evalReport == null ? null
                : new EvalReport(Metrics.of(Map.copyOf(evalReport.metrics())), evalReport.dataset(), evalReport.passed());
        Revocation r = revocation == null ? null
                : new Revocation(Principal.of(revocation.by()), Instant.parse(revocation.at()), revocation.reason());
        return new Evidence(EvidenceId.parse(id), ModelName.of(model), VersionNumber.of(version), EvidenceKind.of(kind),
                Digest.parse(digest), uri, stored, summary, Principal.of(author), Instant.parse(at), eval, r);
    }
}
