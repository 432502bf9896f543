package dev.regent.cli.input;

import dev.regent.cli.CliEnvironment;
import dev.regent.core.error.RegentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a command's required inputs. At a terminal it asks for exactly those that are missing; otherwise it
 * fails once, listing every missing input, so a script learns all of them from one run.
 */
public final class MissingInputs {
    private final CliEnvironment env;
    private final List<String> missing = new ArrayList<>();

    public MissingInputs(CliEnvironment env) {
        this.env = env;
    }

    /** The given value, or (at a terminal) the answer to a prompt, or null (remembered as missing). */
    public String require(String label, String value) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (env.interactive()) {
            env.err().print(label + ": ");
            env.err().flush();
            try {
                String answer = env.terminal().readLine();
                if (answer != null && !answer.isBlank()) {
                    return answer.strip();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        missing.add(label);
        return null;
    }

    /** Fails with INVALID_ARGUMENT naming every missing input, if any. */
    public void check() {
        if (!missing.isEmpty()) {
            throw RegentException.invalid("missing required input" + (missing.size() > 1 ? "s" : "") + ": "
                    + String.join(", ", missing));
        }
    }
}
