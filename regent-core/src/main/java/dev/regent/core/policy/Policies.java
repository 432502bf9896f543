package dev.regent.core.policy;

/** The built-in policy, used when no policy file is given: secure by default (docs/policy.md). */
public final class Policies {
    public static final String BUILT_IN_YAML = """
            # Regent's built-in policy (used when no policy file is given).
            version: 1
            compliance_tags:
              bias_checked: [bias-report]
              validated: [validation-report, eval-report]
            default:
              stages:
                Staging:
                  - eval_report: {}
                Production:
                  - artifact_digest: {}
                  - eval_report: {}
                  - model_card: { sections: [intended_use, limitations, risks, contacts] }
                  - approvals: { count: 1 }
            """;

    private Policies() {
    }

    /** The built-in default policy. */
    public static Policy builtIn() {
        return PolicyParser.parse(BUILT_IN_YAML, "built-in default");
    }
}
