package dev.regent.core.registry;

import dev.regent.core.report.Finding;
import java.util.Objects;

/** Builds verification findings by comparing what the plan expected with what was read back. */
final class Expect {
    private Expect() {
    }

    static Finding equal(String what, Object expected, Object actual) {
        return Objects.equals(expected, actual)
                ? Finding.pass(what, "is " + show(actual))
                : Finding.fail(what, "expected " + show(expected) + " but read " + show(actual));
    }

    static Finding that(String what, boolean holds, String detail) {
        return new Finding(what, holds, detail);
    }

    private static String show(Object value) {
        String s = String.valueOf(value);
        if (s.isEmpty()) {
            return "(empty)";
        }
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
