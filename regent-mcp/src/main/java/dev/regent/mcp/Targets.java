package dev.regent.mcp;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import java.util.List;

/** The arguments most tools share, in the CLI's words, and their conversion to the registry's typed values. */
final class Targets {
    static final List<String> STAGES = List.of("None", "Staging", "Production", "Archived");
    static final Param MODEL = Param.string("model", true, Limits.MODEL_NAME,
            "The model's exact name (case-sensitive; spaces allowed), e.g. fraud-detector or Churn Model v2.");
    static final Param VERSION = Param.integer("version", true, "The version number (1, 2, 3…).");
    static final Param STAGE = Param.choice("stage", true, STAGES, "The target stage: None, Staging, Production or Archived.");
    static final Param OPTIONAL_STAGE = Param.choice("stage", false, STAGES,
            "A stage (Staging, Production, …); give either stage or alias.");
    static final Param OPTIONAL_ALIAS = Param.string("alias", false, Limits.NAME,
            "An alias (e.g. champion); give either stage or alias.");
    static final Param REASON = Param.string("reason", true, Limits.REASON, "Why (recorded in the audit log).");

    private Targets() {
    }

    static ModelName model(Args args) {
        return ModelName.of(args.required("model"));
    }

    static VersionNumber version(Args args) {
        return VersionNumber.of(args.integer("version").orElseThrow(() -> RegentException.invalid("'version' is required")));
    }

    static Stage stage(Args args) {
        return Stage.parse(args.required("stage"));
    }

    /** The stage or alias a decision or gate check is for: exactly one of the two. */
    static GateTarget gateTarget(Args args) {
        if (args.has("stage") == args.has("alias")) {
            throw RegentException.invalid("give exactly one of 'stage' (e.g. Production) or 'alias' (e.g. champion)");
        }
        return args.has("stage") ? GateTarget.of(Stage.parse(args.required("stage")))
                : GateTarget.of(AliasName.of(args.required("alias")));
    }
}
