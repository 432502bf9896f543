package dev.regent.core.card;

/** One card written in every format, so tests can check that they all read to the same content. */
final class CardFixtures {
    private CardFixtures() {
    }

    static final String JSON = """
            {
              "schema_version": 1,
              "notes": "Scores card payments for fraud.",
              "intended_use": "Rank payments for **manual review**.",
              "limitations": "Weak on new merchants.\\n\\nNot tested on B2B traffic.",
              "risks": [
                {"risk": "False declines", "mitigation": "Human review of every decline"},
                {"risk": "Drift", "mitigation": "Weekly monitoring", "severity": "high"}
              ],
              "model_details": {"owners": ["risk-ml"], "license": "apache-2.0", "contacts": ["ml@example.com"]},
              "evaluation": {"metrics": {"auc": 0.93, "recall": 0.810}, "dataset": "payments@v3",
                             "eval_report": "ev-0123456789abcdef0123"},
              "training_data": {"dataset": "payments", "version": "v3",
                                "digest": "sha256:0000000000000000000000000000000000000000000000000000000000000000"}
            }
            """;

    static final String YAML = """
            schema_version: 1
            notes: Scores card payments for fraud.
            intended_use: Rank payments for **manual review**.
            limitations: |
              Weak on new merchants.

              Not tested on B2B traffic.
            risks:
              - risk: False declines
                mitigation: Human review of every decline
              - {risk: Drift, mitigation: Weekly monitoring, severity: high}
            model_details:
              owners: [risk-ml]
              license: apache-2.0
              contacts:
                - ml@example.com
            evaluation:
              metrics: {auc: 0.93, recall: 0.81}
              dataset: payments@v3
              eval_report: ev-0123456789abcdef0123
            training_data:
              dataset: payments
              version: v3
              digest: "sha256:0000000000000000000000000000000000000000000000000000000000000000"
            """;

    static final String MARKDOWN = """
            ---
            risks:
              - risk: False declines
                mitigation: Human review of every decline
              - {risk: Drift, mitigation: Weekly monitoring, severity: high}
            model_details:
              owners: [risk-ml]
              license: apache-2.0
              contacts: [ml@example.com]
            evaluation:
              metrics: {auc: 0.930, recall: 81e-2}
              dataset: payments@v3
              eval_report: ev-0123456789abcdef0123
            training_data: {dataset: payments, version: v3, digest: "sha256:0000000000000000000000000000000000000000000000000000000000000000"}
            ---
            # Fraud detector

            Scores card payments for fraud.

            ## Intended use

            Rank payments for **manual review**.

            ## Limitations
            Weak on new merchants.

            Not tested on B2B traffic.
            """;
}
