package dev.regent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AuditEncodingTest {

    private static AuditEntry entry(String reason, TreeMap<String, String> after) {
        return new AuditEntry(7, Instant.ofEpochMilli(1_700_000_000_123L), Principal.of("alice"), AuditAction.STAGE_TRANSITION,
                "fraud/3", AuditOutcome.APPLIED, reason, new TreeMap<>(), after, List.of("ev-1"));
    }

    @Test
    void encodingIsFixedAndDocumented() {
        TreeMap<String, String> after = new TreeMap<>();
        after.put("stage", "Production");
        String text = new String(AuditEncoding.encodeVersion1(entry("go live", after)), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("regent-audit/1\n"
                + "seq=1:7\n"
                + "at=13:1700000000123\n"
                + "actor=5:alice\n"
                + "action=16:stage.transition\n"
                + "target=7:fraud/3\n"
                + "outcome=7:APPLIED\n"
                + "reason=7:go live\n"
                + "before=0{}\n"
                + "after=1{5:stage10:Production}\n"
                + "evidence=1[4:ev-1]\n");
    }

    @Test
    void mapOrderDoesNotDependOnInsertionOrder() {
        TreeMap<String, String> a = new TreeMap<>();
        a.put("b", "2");
        a.put("a", "1");
        TreeMap<String, String> b = new TreeMap<>();
        b.put("a", "1");
        b.put("b", "2");
        assertThat(AuditEncoding.encodeVersion1(entry("r", a))).isEqualTo(AuditEncoding.encodeVersion1(entry("r", b)));
    }

    @Property(tries = 300)
    void differentReasonsNeverEncodeAlike(@ForAll String r1, @ForAll String r2) {
        if (r1.equals(r2)) {
            return;
        }
        assertThat(Arrays.equals(AuditEncoding.encodeVersion1(entry(r1, new TreeMap<>())), AuditEncoding.encodeVersion1(entry(r2, new TreeMap<>()))))
                .isFalse();
    }

    @Test
    void lengthPrefixesPreventSeparatorConfusion() {
        TreeMap<String, String> one = new TreeMap<>();
        one.put("a", "1:b");
        TreeMap<String, String> two = new TreeMap<>();
        two.put("a", "1");
        two.put("b", "");
        assertThat(AuditEncoding.encodeVersion1(entry("r", one))).isNotEqualTo(AuditEncoding.encodeVersion1(entry("r", two)));
    }

    @Test
    void targetsNameTheirModel() {
        assertThat(AuditTarget.modelOf("fraud")).isEqualTo("fraud");
        assertThat(AuditTarget.modelOf("fraud/3")).isEqualTo("fraud");
        assertThat(AuditTarget.modelOf("fraud@champion")).isEqualTo("fraud");
        assertThat(AuditTarget.modelOf("fraud#Production")).isEqualTo("fraud");
    }
}
