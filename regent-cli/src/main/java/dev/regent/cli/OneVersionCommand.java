package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import picocli.CommandLine.Mixin;

/**
 * Base of the commands about one version: they start with MODEL VERSION, which are asked for (or reported missing)
 * and parsed like every other input, before the registry is opened. Subclasses add their own options in the hooks.
 */
abstract class OneVersionCommand extends RegistryCommand {
    @Mixin
    ModelVersionArgs target = new ModelVersionArgs();

    ModelName model;
    VersionNumber number;

    @Override
    final void prepare(MissingInputs inputs) {
        target.require(inputs);
        prepareOptions(inputs);
    }

    /** Asks for (or records as missing) the command's own required inputs; none by default. */
    void prepareOptions(MissingInputs inputs) {
    }

    @Override
    final void validate() {
        model = target.model();
        number = target.version();
        validateOptions();
    }

    /** Parses the command's own inputs; throws INVALID_ARGUMENT on the first bad one. None by default. */
    void validateOptions() {
    }
}
