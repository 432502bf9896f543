package dev.regent.core.evidence;

import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable record that something was checked for one version: its kind, the digest of its content, where the
 * content is (stored in the registry's blob store, or a URI), who attached it and when. An eval report also carries
 * its parsed metrics. Revocation is recorded beside it, never by changing it.
 */
public record Evidence(EvidenceId id, ModelName model, VersionNumber version, EvidenceKind kind, Digest digest, String uri,
                       boolean stored, String summary, Principal author, Instant at, EvalReport evalReport,
                       Revocation revocation) {
    public Evidence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        summary = summary == null ? "" : summary;
        at = Instant.ofEpochMilli(at.toEpochMilli());
        if (!stored && uri == null) {
            throw new IllegalArgumentException("evidence is either stored or referenced by URI");
        }
    }

    public boolean revoked() {
        return revocation != null;
    }

    public Optional<EvalReport> eval() {
        return Optional.ofNullable(evalReport);
    }

    public Evidence withRevocation(Revocation r) {
        return new Evidence(id, model, version, kind, digest, uri, stored, summary, author, at, evalReport, r);
    }
}
