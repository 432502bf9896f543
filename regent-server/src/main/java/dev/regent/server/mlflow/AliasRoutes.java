package dev.regent.server.mlflow;

import dev.regent.api.mlflow.MlflowResponses;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.server.Reply;
import java.util.Map;

/** registered-models/alias: set (protected aliases pass their gates in the core), delete, and get the version by alias. */
final class AliasRoutes {
    private AliasRoutes() {
    }

    static Reply set(MlflowCall c) {
        ModelName name = c.model();
        AliasName alias = AliasName.of(c.params().required("alias"));
        VersionNumber version = c.version();
        c.applied(c.registry().setAlias(c.actor(), name, alias, version, MlflowCall.reason("alias set"), false), true);
        return Reply.ok(Map.of());
    }

    static Reply delete(MlflowCall c) {
        c.applied(c.registry().deleteAlias(c.actor(), c.model(), AliasName.of(c.params().required("alias")),
                MlflowCall.reason("alias deleted"), false), false);
        return Reply.ok(Map.of());
    }

    static Reply get(MlflowCall c) {
        ModelName name = c.model();
        AliasName alias = AliasName.of(c.params().required("alias"));
        Views views = new Views(c.registry(), c.actor());
        VersionNumber number;
        try {
            number = views.aliases(name).get(alias);
        } catch (RegentException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            number = null; // MLflow answers an unknown model here as it answers an unknown alias
        }
        if (number == null) {
            // MLflow's answer (400 INVALID_PARAMETER_VALUE, not 404): clients match on it
            throw RegentException.invalid("Registered model alias " + alias + " not found.");
        }
        return Reply.hot(new MlflowResponses.OneVersion(views.version(name, number)));
    }
}
