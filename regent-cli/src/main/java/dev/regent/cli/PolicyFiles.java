package dev.regent.cli;

import dev.regent.core.error.RegentException;
import dev.regent.core.policy.Policies;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The policy file a process was given: --policy FILE, else $REGENT_POLICY, else regent-policy.yaml in the data
 * directory. The registry's policy is registry state: a given file only seeds revision 1 of a registry that has none,
 * and otherwise must mean the same as the revision in effect (see PolicyFacet.requireInEffect). A policy that does
 * not parse stops the command (exit 2) with file and line.
 */
final class PolicyFiles {
    static final String DATA_DIR_FILE = "regent-policy.yaml";
    static final long MAX_BYTES = PolicyParser.MAX_CHARS * 4L;

    /** A policy file given to the process, and how it was given ("--policy FILE", "REGENT_POLICY", …). */
    record Given(Policy policy, String how) {
    }

    private PolicyFiles() {
    }

    /** The file given to this process, if any. */
    static Optional<Given> given(Path option, CliEnvironment env, Path dataDir) {
        if (option != null) {
            return Optional.of(new Given(parse(env.workingDir().resolve(option)), "--policy"));
        }
        Optional<String> variable = env.variable("REGENT_POLICY");
        if (variable.isPresent()) {
            return Optional.of(new Given(parse(env.workingDir().resolve(variable.get())), "REGENT_POLICY"));
        }
        Path inData = dataDir.resolve(DATA_DIR_FILE);
        return Files.isRegularFile(inData) ? Optional.of(new Given(parse(inData), DATA_DIR_FILE + " in the data directory"))
                : Optional.empty();
    }

    /** The policy that becomes revision 1 of a registry without one: the given file, else the built-in default. */
    static Policy seed(Optional<Given> given) {
        return given.map(Given::policy).orElseGet(Policies::builtIn);
    }

    static Policy parse(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw RegentException.invalid(file + ": the policy is larger than " + MAX_BYTES + " bytes");
            }
            return PolicyParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw RegentException.invalid("policy file " + file + " does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw RegentException.invalid("cannot read policy file " + file + ": permission denied");
        } catch (IOException e) {
            throw RegentException.invalid("cannot read policy file " + file + ": " + e.getMessage());
        }
    }
}
