package dev.regent.api.mlflow.filter;

import java.util.Objects;

/** One order_by term: a canonical key (name, version_number, creation_timestamp, last_updated_timestamp) and direction. */
public record OrderBy(String key, boolean ascending) {
    public OrderBy {
        Objects.requireNonNull(key, "key");
    }
}
