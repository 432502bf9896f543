package dev.regent.cli.transport;

/**
 * The registry operations the scenarios need, one implementation per transport (local CLI, remote CLI, raw HTTP).
 * {@code who} names the acting principal: in local mode {@code --as}, remotely the principal's token.
 */
interface Operations {
    String name();

    Outcome addPrincipal(String who, String principal, String role);

    Outcome createModel(String who, String model);

    Outcome register(String who, String model, String source, String digest);

    Outcome promote(String who, String model, int version, String stage);

    Outcome rollback(String who, String model, String stage);

    Outcome setAlias(String who, String model, String alias, int version);

    Outcome setCard(String who, String model, int version, String markdown);

    /** Attaches evidence; returns its id (or fails the test). */
    String addEvidence(String who, String model, int version, String kind, byte[] content);

    Outcome setTag(String who, String model, int version, String tag, String evidence);

    Outcome approve(String who, String model, int version, String target);

    /** The version's stage as read back, or the outcome's name when it cannot be read. */
    String stageOf(String who, String model, int version);

    /** The version an alias points at, or -1. */
    int aliasOf(String who, String model, String alias);
}
