package dev.regent.server.ui.view;

import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What an edit form read: a digest of the description, the tags and the last-modified time it showed. The edit is
 * applied only if the stored values still have this stamp, so an edit made meanwhile is refused, not overwritten —
 * even one made within the same millisecond, which the time alone would miss.
 */
public final class EditStamp {
    private EditStamp() {
    }

    public static String of(Model m) {
        return of(m.description(), m.tags(), m.updatedAt());
    }

    public static String of(ModelVersion v) {
        return of(v.description(), v.tags(), v.updatedAt());
    }

    private static String of(Description description, Tags tags, Instant updatedAt) {
        StringBuilder text = new StringBuilder().append(updatedAt.toEpochMilli()).append('\n')
                .append(description.text().length()).append(':').append(description.text());
        // length-prefixed, so no two different tag sets read the same
        tags.values().forEach((k, v) -> text.append('\n').append(k.length()).append(':').append(k).append(v.length()).append(':').append(v));
        return Digest.sha256Of(text.toString().getBytes(StandardCharsets.UTF_8)).value();
    }
}
