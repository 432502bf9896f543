package dev.regent.core.report;

import java.util.Objects;

/** One thing an operation wrote: what kind of object, which one, and how it changed. */
public record Change(String kind, String target, String detail) {
    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        detail = detail == null ? "" : detail;
    }
}
