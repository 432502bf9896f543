package dev.regent.core.search;

/** What a search predicate compares: an attribute of a model or version, or one of its tags. */
public enum Field {
    /** The model's name (for versions: the name of the model they belong to). */
    NAME(false),
    /** A version's number; compared as an integer. Versions only. */
    VERSION_NUMBER(true),
    /** A version's run id. Versions only. */
    RUN_ID(false),
    /** A version's source URI. Versions only. */
    SOURCE(false),
    /**
     * A stage, by its label ("Production"): a version's own stage in a version search; in a model search, whether
     * the model has a live version in that stage.
     */
    STAGE(false),
    /** A tag, named by the predicate's key: the model's tags in a model search, the version's in a version search. */
    TAG(false);

    private final boolean numeric;

    Field(boolean numeric) {
        this.numeric = numeric;
    }

    /** Whether values are integers, compared as numbers (and the only kind ordering matches apply to). */
    public boolean numeric() {
        return numeric;
    }
}
