package dev.regent.core.store;

import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.Revocation;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import java.util.List;
import java.util.Optional;

/**
 * Evidence, its revocations and the compliance tags it supports. Evidence rows are never updated or deleted:
 * a revocation is a row of its own.
 */
public interface EvidenceRecords {

    /** Inserts evidence (with its eval report, if any); throws {@link StoreConflict} on a duplicate id. */
    void insertEvidence(Evidence evidence);

    /** The evidence with its revocation, if any (also for versions of deleted models, for audit). */
    Optional<Evidence> findEvidence(EvidenceId id);

    /** The evidence attached to a version, oldest first, revoked ones included. */
    List<Evidence> evidenceOf(ModelName model, VersionNumber version);

    /** Records a revocation; throws {@link StoreConflict} when the evidence is already revoked. */
    void revokeEvidence(EvidenceId id, Revocation revocation);

    /** The compliance tags on a version, by tag name. */
    List<ComplianceTag> complianceTags(ModelName model, VersionNumber version);

    /** Sets a compliance tag, replacing the same tag (and its evidence link) if present. */
    void putComplianceTag(ComplianceTag tag);

    /** Removes a compliance tag; returns whether it existed. */
    boolean removeComplianceTag(ModelName model, VersionNumber version, String tag);
}
