package dev.regent.core.audit.tree;

import dev.regent.core.audit.merkle.Hash;
import java.util.List;

/**
 * The outcome of verifying the audit log: its recomputed size and root, the checkpoints that were checked, every
 * finding, and the first divergent entry (0 when none could be named or nothing diverged).
 */
public record VerificationReport(long size, Hash root, int checkpointsChecked, List<String> findings, long firstDivergent) {
    public VerificationReport {
        findings = List.copyOf(findings);
    }

    /** Whether the entries, their cached hashes and every checkpoint agree. */
    public boolean ok() {
        return findings.isEmpty();
    }
}
