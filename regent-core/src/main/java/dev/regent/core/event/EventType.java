package dev.regent.core.event;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a change tells the outside world, named as receivers see it ({@code model_version.stage_transitioned}). Every
 * event derives from exactly one applied audit entry; refused attempts, principals, tokens and webhook management are
 * not events. Where MLflow 3's webhooks have the same event, {@link #mlflowName()} is its name there (MLflow's
 * {@code entity.action}), so receivers written for MLflow can subscribe to it.
 */
public enum EventType {
    MODEL_CREATED("registered_model.created", "registered_model.created"),
    MODEL_UPDATED("registered_model.updated", null),
    MODEL_RENAMED("registered_model.renamed", null),
    MODEL_DELETED("registered_model.deleted", null),
    VERSION_CREATED("model_version.created", "model_version.created"),
    VERSION_UPDATED("model_version.updated", null),
    VERSION_DELETED("model_version.deleted", null),
    STAGE_TRANSITIONED("model_version.stage_transitioned", null),
    STAGE_ROLLED_BACK("model_version.stage_rolled_back", null),
    ALIAS_CREATED("model_version_alias.created", "model_version_alias.created"),
    ALIAS_MOVED("model_version_alias.moved", "model_version_alias.created"),
    ALIAS_DELETED("model_version_alias.deleted", "model_version_alias.deleted"),
    APPROVAL_GIVEN("approval.given", null),
    APPROVAL_REJECTED("approval.rejected", null),
    EVIDENCE_ATTACHED("evidence.attached", null),
    EVIDENCE_REVOKED("evidence.revoked", null),
    COMPLIANCE_TAG_SET("compliance_tag.set", null),
    COMPLIANCE_TAG_REMOVED("compliance_tag.removed", null),
    CARD_REVISED("model_card.revised", null),
    POLICY_APPLIED("policy.applied", null);

    /** The name a subscription uses for every event. */
    public static final String ALL = "*";

    private final String wireName;
    private final String mlflowName;

    EventType(String wireName, String mlflowName) {
        this.wireName = wireName;
        this.mlflowName = mlflowName;
    }

    public String wireName() {
        return wireName;
    }

    /** MLflow 3's name for this event, or empty when MLflow has no such event. */
    public Optional<String> mlflowName() {
        return Optional.ofNullable(mlflowName);
    }

    /** The event an audit entry is, or empty for one that is no event (refused, or about access or webhooks). */
    public static Optional<EventType> of(AuditEntry entry) {
        if (entry.outcome() != AuditOutcome.APPLIED) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (entry.action()) {
            case MODEL_CREATE -> MODEL_CREATED;
            case MODEL_UPDATE -> MODEL_UPDATED;
            case MODEL_RENAME -> MODEL_RENAMED;
            case MODEL_DELETE -> MODEL_DELETED;
            case VERSION_REGISTER -> VERSION_CREATED;
            case VERSION_UPDATE -> VERSION_UPDATED;
            case VERSION_DELETE -> VERSION_DELETED;
            case STAGE_TRANSITION -> STAGE_TRANSITIONED;
            case STAGE_ROLLBACK -> STAGE_ROLLED_BACK;
            case ALIAS_SET -> entry.before().containsKey("version") ? ALIAS_MOVED : ALIAS_CREATED;
            case ALIAS_DELETE -> ALIAS_DELETED;
            case APPROVE -> APPROVAL_GIVEN;
            case REJECT -> APPROVAL_REJECTED;
            case EVIDENCE_ADD -> EVIDENCE_ATTACHED;
            case EVIDENCE_REVOKE -> EVIDENCE_REVOKED;
            case COMPLIANCE_TAG_SET -> COMPLIANCE_TAG_SET;
            case COMPLIANCE_TAG_REMOVE -> COMPLIANCE_TAG_REMOVED;
            case CARD_SET -> CARD_REVISED;
            case POLICY_APPLY -> POLICY_APPLIED;
            default -> null;
        });
    }

    /** The event of this wire name (Regent's or, for a subscription, MLflow's), or empty. */
    public static Optional<EventType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** Whether any event answers to this name, Regent's or MLflow's. */
    public static boolean known(String name) {
        return ALL.equals(name) || Arrays.stream(values()).anyMatch(t -> t.wireName.equals(name) || name.equals(t.mlflowName));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
