package dev.regent.core.registry;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing and the opaque token of the next page (null on the last page). Tokens mean something only
 * to the session that issued them: pass them back unchanged.
 */
public record Page<T>(List<T> items, String nextPageToken) {
    public Page {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextPageToken);
    }
}
