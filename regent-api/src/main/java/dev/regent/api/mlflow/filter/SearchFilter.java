package dev.regent.api.mlflow.filter;

import java.util.List;

/**
 * A parsed MLflow registry search filter: clauses that must all hold. {@link #matches} evaluates it against one
 * object's attributes and tags; an empty filter matches everything.
 */
public record SearchFilter(List<Clause> clauses) {
    public static final SearchFilter ALL = new SearchFilter(List.of());

    public SearchFilter {
        clauses = List.copyOf(clauses);
    }

    /** What a filter is evaluated against: attribute values by MLflow name, and tag values by key (null when absent). */
    public interface Subject {
        String attribute(String name);

        String tag(String key);
    }

    /** Whether every clause holds for the subject. */
    public boolean matches(Subject subject) {
        for (Clause c : clauses) {
            String actual = c.tag() ? subject.tag(c.key()) : subject.attribute(c.key());
            if (!c.test(actual)) {
                return false;
            }
        }
        return true;
    }

    /** The value an {@code attribute = 'value'} clause pins, if the filter has one (lets a search read one model only). */
    public java.util.Optional<String> equalityOn(String attribute) {
        return clauses.stream().filter(c -> !c.tag() && c.key().equals(attribute) && c.comparator() == Comparator.EQ)
                .map(Clause::value).findFirst();
    }
}
