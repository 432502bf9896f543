package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import picocli.CommandLine.Parameters;

/** The MODEL VERSION positional pair that most commands about one version start with (a picocli mixin). */
final class ModelVersionArgs {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION")
    String rawVersion;

    /** Asks for (or records as missing) both. */
    void require(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
        rawVersion = inputs.require("VERSION", rawVersion);
    }

    ModelName model() {
        return ModelName.of(rawModel);
    }

    VersionNumber version() {
        return VersionNumber.parse(rawVersion);
    }
}
