package dev.regent.core.audit;

/** What an audit entry records. The wire names are stable: they are part of every entry's hashed encoding. */
public enum AuditAction {
    MODEL_CREATE("model.create"),
    MODEL_UPDATE("model.update"),
    MODEL_DELETE("model.delete"),
    MODEL_RENAME("model.rename"),
    VERSION_REGISTER("version.register"),
    VERSION_UPDATE("version.update"),
    VERSION_DELETE("version.delete"),
    STAGE_TRANSITION("stage.transition"),
    STAGE_ROLLBACK("stage.rollback"),
    ALIAS_SET("alias.set"),
    ALIAS_DELETE("alias.delete"),
    PRINCIPAL_ADD("principal.add"),
    PRINCIPAL_REVOKE("principal.revoke"),
    CARD_SET("card.set"),
    EVIDENCE_ADD("evidence.add"),
    EVIDENCE_REVOKE("evidence.revoke"),
    COMPLIANCE_TAG_SET("tag.set"),
    COMPLIANCE_TAG_REMOVE("tag.remove"),
    APPROVE("approval.approve"),
    REJECT("approval.reject"),
    TOKEN_CREATE("token.create"),
    TOKEN_REVOKE("token.revoke"),
    POLICY_APPLY("policy.apply"),
    WEBHOOK_CREATE("webhook.create"),
    WEBHOOK_UPDATE("webhook.update"),
    WEBHOOK_DELETE("webhook.delete"),
    WEBHOOK_REDELIVER("webhook.redeliver"),
    AUDIT_KEY_ROTATE("audit.key.rotate");

    private final String wireName;

    AuditAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AuditAction fromWireName(String name) {
        for (AuditAction a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown audit action '" + name + "'");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
