package dev.regent.core.audit;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;

/**
 * How audit entries name what they changed: {@code model}, {@code model/3}, {@code model@alias}, {@code model#Production}.
 * Model names never contain '/', '@' or '#', so the model is always the text before the first of them.
 */
public final class AuditTarget {
    private AuditTarget() {
    }

    public static String model(ModelName model) {
        return model.value();
    }

    public static String version(ModelName model, VersionNumber version) {
        return model + "/" + version;
    }

    public static String alias(ModelName model, AliasName alias) {
        return model + "@" + alias;
    }

    public static String stage(ModelName model, Stage stage) {
        return model + "#" + stage.label();
    }

    public static String principal(dev.regent.core.model.Principal principal) {
        return "principal:" + principal.name();
    }

    /** A revision of the registry's policy: {@code policy:3}. */
    public static String policy(int revision) {
        return "policy:" + revision;
    }

    /** A webhook: {@code webhook:wh_…}. */
    public static String webhook(String id) {
        return "webhook:" + id;
    }

    /** The log's signing key, by the log's origin: {@code audit-key:regent.local/audit}. */
    public static String auditKey(String origin) {
        return "audit-key:" + origin;
    }

    /** The model a target belongs to ("" for targets outside any model, such as principals, the policy and webhooks). */
    public static String modelOf(String target) {
        if (target.startsWith("principal:") || target.startsWith("policy:") || target.startsWith("webhook:")
                || target.startsWith("audit-key:")) {
            return "";
        }
        int cut = target.length();
        for (char c : new char[] {'/', '@', '#'}) {
            int i = target.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return target.substring(0, cut);
    }
}
