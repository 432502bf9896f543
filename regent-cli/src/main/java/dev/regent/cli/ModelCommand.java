package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent model}: create, list, show, update, rename and delete models. */
@Command(name = "model", description = "Create, list, show, update, rename and delete models.")
final class ModelCommand {
}
