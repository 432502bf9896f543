package dev.regent.core.registry;

import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Params;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Tags;
import java.util.Objects;

/** A request to register a version: everything but its number, stage, creator and time. {@code digest} may be null. */
public record NewVersion(ModelName model, SourceUri source, Digest digest, Lineage lineage, Metrics metrics, Params params,
                         Description description, Tags tags) {
    public NewVersion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(source, "source");
        lineage = lineage == null ? Lineage.NONE : lineage;
        metrics = metrics == null ? Metrics.EMPTY : metrics;
        params = params == null ? Params.EMPTY : params;
        description = description == null ? Description.EMPTY : description;
        tags = tags == null ? Tags.EMPTY : tags;
    }

    /**
     * A version whose artifact is already in the registry's blob store under {@code digest}; the source is the given
     * one (where it came from), or else the registry's own blob URI {@code regent-blob:sha256:<hex>}.
     */
    public static NewVersion stored(ModelName model, SourceUri source, Digest digest, Lineage lineage, Metrics metrics,
                                    Params params, Description description, Tags tags) {
        Objects.requireNonNull(digest, "digest");
        return new NewVersion(model, source == null ? SourceUri.registryBlob(digest) : source, digest, lineage, metrics,
                params, description, tags);
    }
}
