package dev.regent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.model.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Version 2 of the encoding (model and hash-chain link) and the strict decoder that reads an entry back. */
class AuditDecodingTest {
    private static final Hash H = TreeHasher.leaf("x".getBytes(StandardCharsets.UTF_8));

    private static AuditEntry entry(String target, String reason, TreeMap<String, String> after) {
        return new AuditEntry(7, Instant.ofEpochMilli(1_700_000_000_123L), Principal.of("alice"), AuditAction.STAGE_TRANSITION,
                target, AuditOutcome.APPLIED, reason, new TreeMap<>(), after, List.of("ev-1"));
    }

    @Test
    void versionTwoIsFixedAndDocumented() {
        TreeMap<String, String> after = new TreeMap<>();
        after.put("stage", "Production");
        String text = new String(AuditEncoding.encode(entry("fraud/3", "go live", after), new AuditLink(5, H)), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("regent-audit/2\n"
                + "seq=1:7\n"
                + "at=13:1700000000123\n"
                + "actor=5:alice\n"
                + "action=16:stage.transition\n"
                + "target=7:fraud/3\n"
                + "model=5:fraud\n"
                + "previous=66:5 " + H.hex() + "\n"
                + "outcome=7:APPLIED\n"
                + "reason=7:go live\n"
                + "before=0{}\n"
                + "after=1{5:stage10:Production}\n"
                + "evidence=1[4:ev-1]\n");
    }

    @Property(tries = 200)
    void bothVersionsReadBackToWhatWasWritten(@ForAll @StringLength(max = 40) String reason, @ForAll @StringLength(max = 20) String value,
                                              @ForAll boolean linked) {
        TreeMap<String, String> after = new TreeMap<>();
        after.put("k", value);
        AuditEntry e = entry("fraud@champion", reason.strip(), after);
        AuditLink link = linked ? new AuditLink(3, H) : null;
        AuditRecord r = AuditDecoding.decode(AuditEncoding.encode(e, link));
        assertThat(r.entry()).isEqualTo(e);
        assertThat(r.model()).isEqualTo("fraud");
        assertThat(r.previous().orElse(null)).isEqualTo(link);
        assertThat(r.version()).isEqualTo(2);
        AuditRecord v1 = AuditDecoding.decode(AuditEncoding.encodeVersion1(e));
        assertThat(v1.entry()).isEqualTo(e);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.previous()).isEmpty();
    }

    @Test
    void onlyTheCanonicalBytesOfAnEntryDecode() {
        String good = new String(AuditEncoding.encode(entry("fraud/3", "r", new TreeMap<>()), null), StandardCharsets.UTF_8);
        List<String> bad = List.of(
                good.replace("model=5:fraud", "model=4:spam"),              // a model that is not the target's
                good.replace("seq=1:7", "seq=2:07"),                         // a number with a leading zero
                good + "x",                                                  // bytes after the last field
                good.replace("reason=1:r", "reason=2:r"),                    // a length that runs into the next field
                good.replace("regent-audit/2", "regent-audit/3"),
                good.replace("action=16:stage.transition", "action=9:stage.xyz"),
                good.replace("previous=0:", "previous=3:1 x"));
        for (String text : bad) {
            assertThatThrownBy(() -> AuditDecoding.decode(text.getBytes(StandardCharsets.UTF_8))).as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        TreeMap<String, String> two = new TreeMap<>();
        two.put("a", "1");
        two.put("b", "2");
        String sorted = new String(AuditEncoding.encode(entry("fraud/3", "r", two), null), StandardCharsets.UTF_8);
        String unsorted = sorted.replace("2{1:a1:11:b1:2}", "2{1:b1:21:a1:1}");
        assertThat(unsorted).isNotEqualTo(sorted);
        assertThatThrownBy(() -> AuditDecoding.decode(unsorted.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oversizedValuesAreElidedWithTheirDigestSoEveryEntryFitsATile() {
        TreeMap<String, String> huge = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            huge.put("params.p" + i, "v".repeat(6000));
        }
        AuditEntry e = new AuditEntry(1, Instant.EPOCH, Principal.of("alice"), AuditAction.VERSION_REGISTER, "fraud/1",
                AuditOutcome.APPLIED, "x".repeat(2000), huge, huge, java.util.Collections.nCopies(500, "ev-0123456789"));
        AuditEntry fitted = AuditBounds.fit(e);
        byte[] bytes = AuditEncoding.encode(fitted, new AuditLink(1, H));
        assertThat(bytes.length).isLessThanOrEqualTo(AuditEncoding.MAX_BYTES);
        assertThat(fitted.after().get("params.p0")).startsWith("[elided: 6000 bytes, sha256:");
        assertThat(fitted.after().get(AuditBounds.ELIDED_KEY)).matches("\\[elided: \\d+ fields, sha256:[0-9a-f]{64}\\]");
        assertThat(fitted.evidence()).hasSize(AuditBounds.MAX_EVIDENCE);
        assertThat(AuditDecoding.decode(bytes).entry()).isEqualTo(fitted);
        AuditEntry small = entry("fraud/3", "r", new TreeMap<>());
        assertThat(AuditBounds.fit(small)).isSameAs(small);
    }
}
