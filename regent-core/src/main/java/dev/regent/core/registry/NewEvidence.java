package dev.regent.core.registry;

import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.VersionNumber;
import java.util.Objects;

/**
 * Evidence to attach: either its content (stored by the registry, digest computed here) or a URI with its declared
 * digest. A declared digest given with content must match it. Summaries up to 2,000 characters.
 */
public record NewEvidence(ModelName model, VersionNumber version, EvidenceKind kind, byte[] content, SourceUri uri,
                          Digest declaredDigest, String summary) {
    public static final int MAX_CONTENT_BYTES = 16 * 1024 * 1024;
    public static final int MAX_SUMMARY = 2000;

    public NewEvidence {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        summary = summary == null ? "" : summary;
        if (summary.length() > MAX_SUMMARY) {
            throw RegentException.invalid("summary is " + summary.length() + " characters; the limit is " + MAX_SUMMARY);
        }
        if ((content == null) == (uri == null)) {
            throw RegentException.invalid("give the evidence either as a file (--file) or as --uri with --digest, not both or neither");
        }
        if (uri != null && declaredDigest == null) {
            throw RegentException.invalid("evidence given by --uri needs its --digest sha256:…, so what was checked is pinned");
        }
        if (content != null && content.length > MAX_CONTENT_BYTES) {
            throw RegentException.invalid("evidence file is " + content.length + " bytes; the limit is " + MAX_CONTENT_BYTES);
        }
        if (content != null && declaredDigest != null && !declaredDigest.equals(Digest.sha256Of(content))) {
            throw RegentException.invalid("the declared digest " + declaredDigest + " does not match the file's " + Digest.sha256Of(content));
        }
    }

    /** The digest of what is attached: computed from content, or as declared for a URI. */
    public Digest digest() {
        return content != null ? Digest.sha256Of(content) : declaredDigest;
    }
}
