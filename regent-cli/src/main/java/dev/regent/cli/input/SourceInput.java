package dev.regent.cli.input;

import dev.regent.core.model.SourceUri;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Turns what a person typed as --source into a URI: a URI stays as it is; a plain path becomes a file: URI. */
public final class SourceInput {
    private static final Pattern HAS_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:.*", Pattern.DOTALL);

    private SourceInput() {
    }

    public static SourceUri parse(String raw, Path workingDir) {
        if (HAS_SCHEME.matcher(raw).matches()) {
            return SourceUri.of(raw);
        }
        SourceUri.of("file:" + raw); // the same checks (control characters, '..') on the path as typed
        Path path = workingDir.resolve(raw).toAbsolutePath().normalize();
        return fromPath(path);
    }

    public static SourceUri fromPath(Path path) {
        return SourceUri.of(path.toAbsolutePath().normalize().toUri().toString());
    }
}
