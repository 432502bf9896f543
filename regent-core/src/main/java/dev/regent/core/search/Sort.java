package dev.regent.core.search;

import java.util.Objects;

/** One ordering term of a search. */
public record Sort(Key key, boolean ascending) {
    /** What results can be ordered by. */
    public enum Key {
        NAME, VERSION_NUMBER, CREATED_AT, UPDATED_AT
    }

    public Sort {
        Objects.requireNonNull(key, "key");
    }
}
