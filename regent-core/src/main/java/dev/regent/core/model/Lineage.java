package dev.regent.core.model;

import dev.regent.core.error.RegentException;

/**
 * Where a version comes from besides its artifact: the training run, the dataset version and the code version.
 * Each is optional free text (up to 500 characters) and immutable once registered.
 */
public record Lineage(String runId, String datasetVersion, String codeVersion) {
    public static final int MAX_LENGTH = 500;
    public static final Lineage NONE = new Lineage(null, null, null);

    public Lineage {
        runId = clean(runId, "run id");
        datasetVersion = clean(datasetVersion, "dataset version");
        codeVersion = clean(codeVersion, "code version");
    }

    private static String clean(String value, String what) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Check.maxLength(value, MAX_LENGTH, what);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw RegentException.invalid(what + " contains a control character at position " + i);
            }
        }
        return value;
    }
}
