package dev.regent.mcp;

import dev.regent.api.CardRevisionWire;
import dev.regent.api.EvidenceWire;
import dev.regent.api.ReportWire;
import dev.regent.api.TagWire;
import dev.regent.api.VersionWire;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.RegistrySession;
import dev.regent.core.registry.TagSupport;
import dev.regent.core.report.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a version back and checks what the registry holds for it: digest, stage, card (its digest recomputed from
 * the stored canonical form), evidence (stored content re-hashed, not revoked) and compliance tags (still backed).
 */
record VersionCheck(ModelName model, VersionNumber version, List<Finding> findings, Map<String, Object> wire) {

    boolean passed() {
        return findings.stream().allMatch(Finding::passed);
    }

    static VersionCheck run(RegistrySession session, ModelName model, VersionNumber number, Stage expected) {
        List<Finding> checks = new ArrayList<>();
        ModelVersion v = session.version(model, number);
        checks.add(Finding.pass("version exists", v.model() + " " + v.number() + ", created by " + v.createdBy()));
        checks.add(v.artifactDigest().isPresent()
                ? Finding.pass("artifact digest recorded", v.artifactDigest().get().value())
                : Finding.fail("artifact digest recorded", "none: the version was registered without a digest"));
        if (expected != null) {
            checks.add(v.stage() == expected ? Finding.pass("stage", "in " + v.stage())
                    : Finding.fail("stage", "expected " + expected + ", found " + v.stage()));
        }
        Optional<CardRevision> card = session.card(model, number);
        if (card.isEmpty()) {
            checks.add(Finding.fail("model card present", "no card: write one with set_model_card"));
        } else {
            Digest recomputed = ModelCard.fromCanonicalJson(card.get().canonicalJson()).digest();
            checks.add(recomputed.equals(card.get().digest())
                    ? Finding.pass("model card digest", "revision " + card.get().revision() + ", " + recomputed.shortForm())
                    : Finding.fail("model card digest", "stored " + card.get().digest() + ", recomputed " + recomputed));
        }
        List<Evidence> evidence = session.evidenceOf(model, number);
        for (Evidence e : evidence) {
            String name = "evidence " + e.id() + " (" + e.kind() + ")";
            if (e.revoked()) {
                checks.add(Finding.fail(name, "revoked: " + e.revocation().reason()));
                continue;
            }
            if (!e.stored()) {
                checks.add(Finding.pass(name, "referenced by URI " + e.uri() + ", digest " + e.digest().shortForm()
                        + " (not held by the registry, so not re-hashed)"));
                continue;
            }
            Optional<Digest> actual = session.evidenceContent(e.id()).map(VersionCheck::sha256);
            checks.add(actual.isPresent() && actual.get().equals(e.digest())
                    ? Finding.pass(name, "stored content re-hashed: " + e.digest().shortForm())
                    : Finding.fail(name, "stored content " + actual.map(d -> "hashes to " + d).orElse("is missing")
                            + ", expected " + e.digest()));
        }
        if (evidence.isEmpty()) {
            checks.add(Finding.pass("evidence", "none attached"));
        }
        List<TagSupport> tags = session.complianceTags(model, number);
        for (TagSupport t : tags) {
            checks.add(new Finding("compliance tag " + t.tag().tag(), t.supported(), t.why()));
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("passed", checks.stream().allMatch(Finding::passed));
        wire.put("checks", checks.stream().map(f -> Results.json(ReportWire.Check.of(f))).toList());
        wire.put("version", Results.json(VersionWire.of(v)));
        wire.put("card", card.map(c -> (Object) Results.json(CardRevisionWire.of(c))).orElse(null));
        wire.put("evidence", evidence.stream().map(e -> Results.json(EvidenceWire.of(e))).toList());
        wire.put("compliance_tags", tags.stream().map(t -> Results.json(TagWire.of(t))).toList());
        return new VersionCheck(model, number, checks, wire);
    }

    /** The structured content verify_version returns: the checks, and what they read back. */
    static Map<String, Object> schema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("passed", OutputSchemas.type("boolean"));
        properties.put("checks", OutputSchemas.arrayOf(OutputSchemas.component("Check")));
        properties.put("version", OutputSchemas.component("Version"));
        properties.put("card", OutputSchemas.nullable(OutputSchemas.component("CardRevision")));
        properties.put("evidence", OutputSchemas.arrayOf(OutputSchemas.component("Evidence")));
        properties.put("compliance_tags", OutputSchemas.arrayOf(OutputSchemas.component("Tag")));
        return OutputSchemas.object(properties);
    }

    private static Digest sha256(InputStream in) {
        try (in) {
            MessageDigest sha = Digest.newSha256();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return Digest.ofSha256(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored evidence", e);
        }
    }
}
