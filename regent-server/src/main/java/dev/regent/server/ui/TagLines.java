package dev.regent.server.ui;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.Tags;
import dev.regent.core.registry.Annotations;
import dev.regent.core.model.Description;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An edit form's description and tags (one {@code key=value} a line) turned into the registry's {@link Annotations}:
 * the tags to set (new or with another value) and the keys to remove (no longer listed), against what is stored now.
 */
final class TagLines {
    private TagLines() {
    }

    /** The tags a textarea lists; a line without '=' is refused with its number, blank lines are skipped. */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new TreeMap<>();
        if (text == null) {
            return out;
        }
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw RegentException.invalid("tag line " + (i + 1) + " is not key=value: '"
                        + dev.regent.core.text.ReadableText.escapeInline(line) + "'");
            }
            String key = line.substring(0, eq).trim();
            if (out.put(key, line.substring(eq + 1).trim()) != null) {
                throw RegentException.invalid("tag '" + dev.regent.core.text.ReadableText.escapeInline(key) + "' is listed twice");
            }
        }
        return out;
    }

    /** What changes from {@code current} to the form's values; INVALID_ARGUMENT when nothing does. */
    static Annotations change(Description current, Tags currentTags, String description, String tagText) {
        Description newDescription = description == null || description.strip().equals(current.text()) ? null
                : Description.of(description.strip());
        Map<String, String> wanted = parse(tagText);
        Map<String, String> set = new TreeMap<>();
        wanted.forEach((k, v) -> {
            if (!v.equals(currentTags.values().get(k))) {
                set.put(k, v);
            }
        });
        Set<String> remove = new TreeSet<>(currentTags.values().keySet());
        remove.removeAll(wanted.keySet());
        if (newDescription == null && set.isEmpty() && remove.isEmpty()) {
            throw RegentException.invalid("nothing to change: the description and tags are as they were");
        }
        return new Annotations(newDescription, set, remove);
    }
}
