package dev.regent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The fast path of verification agrees with the encoder exactly: any column or link that differs answers false. */
class ColumnBytesTest {
    private static final AuditLink PREVIOUS = new AuditLink(5, Hash.of(filled(7)));

    @Test
    void theEncodingOfAnEntryMatchesItsColumnsAndNothingElse() {
        TreeMap<String, String> before = new TreeMap<>(java.util.Map.of("stage", "Staging", "tags.équipe", "rïsk ✓"));
        TreeMap<String, String> after = new TreeMap<>(java.util.Map.of("stage", "Production"));
        AuditEntry e = new AuditEntry(1234567, Instant.ofEpochMilli(1_700_000_000_123L), Principal.of("alice"),
                AuditAction.STAGE_TRANSITION, "fraud/3", AuditOutcome.APPLIED, "go live — ok", before, after, List.of("ev-1", "ev-2"));
        byte[] bytes = AuditEncoding.encode(e, PREVIOUS);
        AuditColumns c = columns(e, "fraud");
        assertThat(ColumnBytes.matches(bytes, c, PREVIOUS)).isTrue();
        assertThat(ColumnBytes.matches(AuditEncoding.encode(e, null), c, null)).isTrue();

        assertThat(ColumnBytes.matches(bytes, c, null)).as("chain link").isFalse();
        assertThat(ColumnBytes.matches(bytes, c, new AuditLink(4, PREVIOUS.leaf()))).isFalse();
        assertThat(ColumnBytes.matches(bytes, c, new AuditLink(5, Hash.of(filled(8))))).isFalse();
        assertThat(ColumnBytes.matches(bytes, columns(e, "churn"), PREVIOUS)).as("model").isFalse();
        assertThat(ColumnBytes.matches(bytes, new AuditColumns(c.seq() + 1, c.at(), c.actor(), c.action(), c.target(), c.model(),
                c.outcome(), c.reason(), c.before(), c.after(), c.evidence()), PREVIOUS)).as("seq").isFalse();
        assertThat(ColumnBytes.matches(bytes, new AuditColumns(c.seq(), c.at() + 1, c.actor(), c.action(), c.target(), c.model(),
                c.outcome(), c.reason(), c.before(), c.after(), c.evidence()), PREVIOUS)).as("at").isFalse();
        assertThat(ColumnBytes.matches(bytes, new AuditColumns(c.seq(), c.at(), "mallory", c.action(), c.target(), c.model(),
                c.outcome(), c.reason(), c.before(), c.after(), c.evidence()), PREVIOUS)).as("actor").isFalse();
        assertThat(ColumnBytes.matches(bytes, new AuditColumns(c.seq(), c.at(), c.actor(), "stage.rollback", c.target(), c.model(),
                c.outcome(), c.reason(), c.before(), c.after(), c.evidence()), PREVIOUS)).as("action").isFalse();
        assertThat(ColumnBytes.matches(bytes, new AuditColumns(c.seq(), c.at(), c.actor(), c.action(), c.target(), c.model(),
                "REFUSED", c.reason(), c.before(), c.after(), c.evidence()), PREVIOUS)).as("outcome").isFalse();
        assertThat(ColumnBytes.matches(bytes, new AuditColumns(c.seq(), c.at(), c.actor(), c.action(), c.target(), c.model(),
                c.outcome(), "go live — ok!", c.before(), c.after(), c.evidence()), PREVIOUS)).as("reason").isFalse();
        TreeMap<String, String> edited = new TreeMap<>(before);
        edited.put("tags.équipe", "rïsk ✗");
        assertThat(ColumnBytes.matches(bytes, new AuditColumns(c.seq(), c.at(), c.actor(), c.action(), c.target(), c.model(),
                c.outcome(), c.reason(), edited, c.after(), c.evidence()), PREVIOUS)).as("a field").isFalse();
        assertThat(ColumnBytes.matches(bytes, new AuditColumns(c.seq(), c.at(), c.actor(), c.action(), c.target(), c.model(),
                c.outcome(), c.reason(), c.before(), c.after(), List.of("ev-1")), PREVIOUS)).as("evidence").isFalse();
        assertThat(ColumnBytes.matches(Arrays.copyOf(bytes, bytes.length + 1), c, PREVIOUS)).as("trailing byte").isFalse();
        assertThat(ColumnBytes.matches(Arrays.copyOf(bytes, bytes.length - 1), c, PREVIOUS)).as("truncated").isFalse();
        assertThat(ColumnBytes.matches(AuditEncoding.encodeVersion1(e), c, null)).as("version 1: the slow path").isFalse();
    }

    private static AuditColumns columns(AuditEntry e, String model) {
        return new AuditColumns(e.seq(), e.at().toEpochMilli(), e.actor().name(), e.action().wireName(), e.target(), model,
                e.outcome().name(), e.reason(), e.before(), e.after(), e.evidence());
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) n);
        return b;
    }
}
