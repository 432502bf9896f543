package dev.regent.core.store;

import dev.regent.core.approval.Approval;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import java.util.List;

/** Approval and rejection decisions; only ever added (a later decision supersedes an earlier one when read). */
public interface ApprovalRecords {

    /** Stores a decision and returns it with its id. */
    Approval insertApproval(Approval approval);

    /** Every decision on the version, in the order they were made. */
    List<Approval> approvals(ModelName model, VersionNumber version);
}
