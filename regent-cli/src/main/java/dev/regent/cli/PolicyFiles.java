package dev.regent.cli;

import dev.regent.core.error.RegentException;
import dev.regent.core.policy.Policies;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds and loads the policy: --policy FILE, else $REGENT_POLICY, else regent-policy.yaml in the data directory,
 * else the built-in default. A policy that does not parse stops the command (exit 2) with file and line.
 */
final class PolicyFiles {
    static final String DATA_DIR_FILE = "regent-policy.yaml";
    static final long MAX_BYTES = 1 << 20;

    private PolicyFiles() {
    }

    static Policy load(Path option, CliEnvironment env, Path dataDir) {
        Path file = option != null ? env.workingDir().resolve(option)
                : env.variable("REGENT_POLICY").map(p -> env.workingDir().resolve(p)).orElse(null);
        if (file == null) {
            Path inData = dataDir.resolve(DATA_DIR_FILE);
            if (!Files.isRegularFile(inData)) {
                return Policies.builtIn();
            }
            file = inData;
        }
        return parse(file);
    }

    static Policy parse(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw RegentException.invalid(file + ": the policy is larger than " + MAX_BYTES + " bytes");
            }
            return PolicyParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw RegentException.invalid("cannot read policy file " + file + ": " + e.getMessage());
        }
    }
}
