package dev.regent.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The subcommands of each command group ({@code regent model}, {@code regent version}...), by name, in the order
 * their usage help lists them. Not in the groups' annotations: picocli would build every subcommand of a group by
 * reflection to run one of them ({@code model list} built all six model commands); {@link RegentCommand} adds only
 * the one the arguments name when they plainly name one (issue 18: latency). LazyCommandLineTest checks each name
 * against its class's own.
 */
final class CommandGroups {
    static final Map<String, Map<String, Class<?>>> SUBCOMMANDS = Map.ofEntries(
            group("alias", table("set", AliasSet.class, "delete", AliasDelete.class)),
            group("audit", table("log", AuditLog.class, "key", AuditKey.class, "checkpoint", AuditCheckpoint.class,
                    "prove", AuditProve.class, "verify", AuditVerify.class, "rotate-key", AuditRotateKey.class)),
            group("card", table("set", CardSet.class, "show", CardShow.class, "template", CardTemplate.class,
                    "export", CardExport.class)),
            group("events", table("tail", EventsTail.class)),
            group("evidence", table("add", EvidenceAdd.class, "list", EvidenceList.class, "show", EvidenceShow.class,
                    "revoke", EvidenceRevoke.class)),
            group("model", table("create", ModelCreate.class, "list", ModelList.class, "show", ModelShow.class,
                    "update", ModelUpdate.class, "rename", ModelRename.class, "delete", ModelDelete.class)),
            group("policy", table("show", PolicyShow.class, "history", PolicyHistory.class,
                    "apply", PolicyApplyCommand.class, "check", PolicyCheck.class)),
            group("principal", table("add", PrincipalAdd.class, "revoke", PrincipalRevoke.class,
                    "list", PrincipalList.class)),
            group("tag", table("set", TagSet.class, "remove", TagRemove.class)),
            group("token", table("create", TokenCreate.class, "list", TokenList.class, "revoke", TokenRevoke.class)),
            group("version", table("register", VersionRegister.class, "list", VersionList.class,
                    "show", VersionShow.class, "update", VersionUpdate.class, "delete", VersionDelete.class,
                    "download", VersionDownload.class)),
            group("webhook", table("create", WebhookCreate.class, "list", WebhookList.class, "show", WebhookShow.class,
                    "test", WebhookTest.class, "deliveries", WebhookDeliveries.class,
                    "redeliver", WebhookRedeliver.class, "enable", WebhookEnable.class, "disable", WebhookDisable.class,
                    "rotate-secret", WebhookRotate.class, "delete", WebhookDelete.class)));

    private CommandGroups() {
    }

    /** The subcommands of a group, none for a command that is not a group. */
    static Map<String, Class<?>> of(String group) {
        return SUBCOMMANDS.getOrDefault(group, Map.of());
    }

    private static Map.Entry<String, Map<String, Class<?>>> group(String name, Map<String, Class<?>> subcommands) {
        return Map.entry(name, subcommands);
    }

    /** Name, class, name, class...: written out, as reading each class's annotation costs a start. */
    private static Map<String, Class<?>> table(Object... nameThenClass) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            byName.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return Collections.unmodifiableMap(byName);
    }
}
