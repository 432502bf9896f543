package dev.regent.core.registry;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.Description;
import dev.regent.core.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A requested change to the mutable annotations of a model or version: a new description (null keeps the old one),
 * tags to set and tag keys to remove. A key may not be both set and removed.
 */
public record Annotations(Description description, Map<String, String> setTags, Set<String> removeTags) {
    public Annotations {
        setTags = new TreeMap<>(setTags == null ? Map.of() : setTags);
        removeTags = new TreeSet<>(removeTags == null ? Set.of() : removeTags);
        Tags.of(setTags); // validates keys and values
        for (String key : removeTags) {
            if (setTags.containsKey(key)) {
                throw RegentException.invalid("tag '" + key + "' is both set and removed; choose one");
            }
        }
        if (description == null && setTags.isEmpty() && removeTags.isEmpty()) {
            throw RegentException.invalid("nothing to change: give --description, --tag K=V or --untag K");
        }
    }

    /** Applies to the current values, returning the new description. */
    Description description(Description current) {
        return description == null ? current : description;
    }

    /** Applies to the current tags, returning the new tags. */
    Tags tags(Tags current) {
        return current.with(setTags, List.copyOf(removeTags));
    }
}
