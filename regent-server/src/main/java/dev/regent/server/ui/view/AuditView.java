package dev.regent.server.ui.view;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.audit.tree.VerificationReport;
import java.util.List;

/**
 * The audit page: entries matching the filters (model, actor, action), newest first, the links to older entries and
 * back to the newest, the latest signed
 * checkpoint and, when asked for, the result of verifying the whole log now.
 */
public record AuditView(Frame frame, String model, String actor, String action, List<String> actions,
                        List<AuditEntry> entries, String older, String newest, boolean treeAvailable, StoredCheckpoint checkpoint,
                        VerificationReport verification, String verifyLink) {
}
