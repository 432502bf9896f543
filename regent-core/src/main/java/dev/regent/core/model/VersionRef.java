package dev.regent.core.model;

/** Identifies one version of one model, written "model/3" in messages and audit targets. */
public record VersionRef(ModelName model, VersionNumber number) {
    @Override
    public String toString() {
        return model + "/" + number;
    }
}
