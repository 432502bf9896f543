package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent tag}: compliance tags, which exist only with supporting evidence. */
@Command(name = "tag", description = "Set or remove compliance tags (bias_checked, validated, …), backed by evidence.")
final class TagCommand {
}
