package dev.regent.core.approval;

import dev.regent.core.card.CardRevision;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The digest of what a reviewer looked at: the version's immutable fields, the current card revision, every piece
 * of evidence (id, digest, revoked or not) and the compliance tags with their evidence. An approval is bound to it;
 * when any of these change, the digest changes and the approval is stale. Length-prefixed fields in a fixed order
 * (like the audit encoding), so no two different states encode alike.
 */
public final class ReviewDigest {
    private ReviewDigest() {
    }

    public static Digest of(ModelVersion version, Optional<CardRevision> card, List<Evidence> evidence, List<ComplianceTag> tags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, "regent-review/1");
        field(out, version.model().value());
        field(out, version.number().toString());
        field(out, version.source().value());
        field(out, version.artifactDigest().map(Digest::value).orElse(""));
        field(out, nullToEmpty(version.lineage().runId()));
        field(out, nullToEmpty(version.lineage().datasetVersion()));
        field(out, nullToEmpty(version.lineage().codeVersion()));
        map(out, version.metrics().values());
        map(out, version.params().values());
        field(out, card.map(c -> c.revision() + ":" + c.digest().value()).orElse("no card"));
        List<Evidence> sorted = evidence.stream().sorted(Comparator.comparing(e -> e.id().value())).toList();
        field(out, Integer.toString(sorted.size()));
        for (Evidence e : sorted) {
            field(out, e.id().value());
            field(out, e.kind().value());
            field(out, e.digest().value());
            field(out, e.revoked() ? "revoked" : "valid");
        }
        List<ComplianceTag> sortedTags = tags.stream().sorted(Comparator.comparing(ComplianceTag::tag)).toList();
        field(out, Integer.toString(sortedTags.size()));
        for (ComplianceTag t : sortedTags) {
            field(out, t.tag());
            field(out, t.evidence().value());
        }
        return Digest.sha256Of(out.toByteArray());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void map(ByteArrayOutputStream out, Map<String, ?> map) {
        field(out, Integer.toString(map.size()));
        map.forEach((k, v) -> {
            field(out, k);
            field(out, String.valueOf(v));
        });
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }
}
