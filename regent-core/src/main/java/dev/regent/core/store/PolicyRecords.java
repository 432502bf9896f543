package dev.regent.core.store;

import dev.regent.core.policy.PolicyRevision;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The registry's policy revisions: append-only, numbered from 1; the highest is in effect. */
public interface PolicyRecords {

    /** The number of the revision in effect, or empty before the registry's first policy is recorded. */
    OptionalInt currentPolicyRevision();

    /** The revision of that number, if it exists. */
    Optional<PolicyRevision> findPolicyRevision(int number);

    /** Every revision, oldest first. */
    List<PolicyRevision> policyRevisions();

    /**
     * Records a revision; its number must be one more than the current one (1 for the first). Throws
     * {@link StoreConflict} when another writer recorded that number first.
     */
    void insertPolicyRevision(PolicyRevision revision);
}
