package dev.regent.core.access;

import dev.regent.core.error.RegentException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a principal may do, in increasing order: each role includes the ones before it (an admin can do what an
 * approver can, an approver what a contributor can). Policy gates may still demand a specific role.
 */
public enum Role {
    VIEWER("viewer"),
    CONTRIBUTOR("contributor"),
    APPROVER("approver"),
    ADMIN("admin");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether holding this role grants {@code required}. */
    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.label.equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw RegentException.invalid("unknown role '" + text + "': allowed roles are "
                + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
