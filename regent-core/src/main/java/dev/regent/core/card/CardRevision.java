package dev.regent.core.card;

import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.Objects;

/**
 * One revision of a version's model card: the card in its canonical JSON form, that form's digest, who wrote it
 * and when. Revisions are numbered 1, 2, 3… per version and never change; the newest one is the card.
 */
public record CardRevision(ModelName model, VersionNumber version, int revision, String canonicalJson, Digest digest,
                           Principal author, Instant at) {
    public CardRevision {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(canonicalJson, "canonicalJson");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        if (revision < 1) {
            throw new IllegalArgumentException("card revisions are numbered from 1");
        }
        at = Instant.ofEpochMilli(at.toEpochMilli());
    }
}
