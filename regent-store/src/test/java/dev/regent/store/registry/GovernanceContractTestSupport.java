package dev.regent.store.registry;

import dev.regent.core.card.CardFormat;
import dev.regent.core.card.ModelCard;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.NewEvidence;
import dev.regent.core.report.OperationReport;
import java.nio.charset.StandardCharsets;

/** Builders for governance tests: cards, eval reports and evidence. */
final class GovernanceContractTestSupport {
    private GovernanceContractTestSupport() {
    }

    static ModelCard card(String risks) {
        return ModelCard.parse("""
                # Fraud detector

                ## Intended use
                Scoring card transactions for fraud review.

                ## Limitations
                Trained on EU data only.

                ## Risks
                %s

                ## Contacts
                risk-team@example.com
                """.formatted(risks), CardFormat.MARKDOWN);
    }

    static byte[] evalReport(double auc, Boolean passed) {
        return ("{\"metrics\": {\"auc\": " + auc + ", \"latency_p99_ms\": 41}, \"dataset\": \"holdout@2026-10\""
                + (passed == null ? "" : ", \"passed\": " + passed) + "}").getBytes(StandardCharsets.UTF_8);
    }

    static NewEvidence file(ModelName model, int version, String kind, byte[] content) {
        return NewEvidence.inline(model, VersionNumber.of(version), EvidenceKind.of(kind), content, null, "test");
    }

    /** The evidence id a successful evidence add reports. */
    static EvidenceId idOf(OperationReport report) {
        return EvidenceId.parse(report.changes().get(0).target());
    }
}
