package dev.regent.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the commands take from the outside world, injected so tests run the real commands in-process:
 * output writers, environment variables, the clock, the working directory, the OS user, and the terminal
 * (present only when standard input is interactive, for asking for missing inputs).
 */
public record CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, Path workingDir,
                             String osUser, BufferedReader terminal) {

    /** Whatever a command prints goes through the one text policy for what people read (ReadableWriter). */
    public CliEnvironment {
        out = dev.regent.cli.output.ReadableWriter.wrap(out, true);
        err = dev.regent.cli.output.ReadableWriter.wrap(err, true);
    }

    /** The value of an environment variable, when set and not blank. */
    public Optional<String> variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Whether missing inputs may be asked for. */
    public boolean interactive() {
        return terminal != null;
    }
}
