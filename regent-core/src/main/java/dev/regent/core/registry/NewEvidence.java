package dev.regent.core.registry;

import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.VersionNumber;
import java.util.Objects;

/**
 * Evidence to attach to a version, with where its content is: given inline (the registry stores it), already in the
 * registry's blob store (an upload streamed there while hashing), or referenced by URI with a declared digest.
 * Summaries up to 2,000 characters.
 */
public record NewEvidence(ModelName model, VersionNumber version, EvidenceKind kind, Content content, String summary) {
    public static final int MAX_CONTENT_BYTES = 16 * 1024 * 1024;
    public static final int MAX_SUMMARY = 2000;

    /** Where the evidence's bytes are. */
    public sealed interface Content {
        Digest digest();
    }

    /** Bytes the registry stores content-addressed when the evidence is attached. */
    public record Inline(byte[] bytes) implements Content {
        public Inline {
            Objects.requireNonNull(bytes, "bytes");
            if (bytes.length == 0) {
                throw RegentException.invalid("evidence content is empty: attach the file that shows what was checked");
            }
            if (bytes.length > MAX_CONTENT_BYTES) {
                throw RegentException.invalid("evidence content is " + bytes.length + " bytes; the limit is " + MAX_CONTENT_BYTES);
            }
        }

        @Override
        public Digest digest() {
            return Digest.sha256Of(bytes);
        }
    }

    /** Content already written to the registry's blob store under this digest. */
    public record Stored(Digest digest) implements Content {
        public Stored {
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** Content the registry does not hold: where it lives and the digest that pins it. */
    public record Referenced(SourceUri uri, Digest digest) implements Content {
        public Referenced {
            Objects.requireNonNull(uri, "uri");
            if (digest == null) {
                throw RegentException.invalid("evidence given by URI needs its digest sha256:…, so what was checked is pinned");
            }
        }
    }

    public NewEvidence {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        summary = summary == null ? "" : dev.regent.core.text.ReadableText.require(summary, "summary");
        if (summary.length() > MAX_SUMMARY) {
            throw RegentException.invalid("summary is " + summary.length() + " characters; the limit is " + MAX_SUMMARY);
        }
    }

    /** Inline bytes; a declared digest (nullable) must match them. */
    public static NewEvidence inline(ModelName model, VersionNumber version, EvidenceKind kind, byte[] bytes, Digest declared,
                                     String summary) {
        Inline content = new Inline(bytes);
        if (declared != null && !declared.equals(content.digest())) {
            throw RegentException.invalid("the declared digest " + declared + " does not match the content's " + content.digest());
        }
        return new NewEvidence(model, version, kind, content, summary);
    }

    /** Content already put in the blob store (e.g. an HTTP upload hashed while streaming). */
    public static NewEvidence stored(ModelName model, VersionNumber version, EvidenceKind kind, Digest digest, String summary) {
        return new NewEvidence(model, version, kind, new Stored(digest), summary);
    }

    /** Content referenced by URI with its declared digest. */
    public static NewEvidence referenced(ModelName model, VersionNumber version, EvidenceKind kind, SourceUri uri, Digest digest,
                                         String summary) {
        return new NewEvidence(model, version, kind, new Referenced(uri, digest), summary);
    }

    /** The digest of what is attached. */
    public Digest digest() {
        return content.digest();
    }

    /** Whether the registry holds the content. */
    public boolean heldByRegistry() {
        return !(content instanceof Referenced);
    }
}
