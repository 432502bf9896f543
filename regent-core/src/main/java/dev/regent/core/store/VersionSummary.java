package dev.regent.core.store;

/**
 * How many live versions a model has and the highest live version number (0 when it has none), read in one query:
 * what plans and verifications need instead of every version.
 */
public record VersionSummary(int liveCount, int maxLiveNumber) {
    public static final VersionSummary NONE = new VersionSummary(0, 0);
}
