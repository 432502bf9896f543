package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent policy}: validate a policy file, show the policy in effect. */
@Command(name = "policy", description = "Check a policy file or show the policy in effect.",
        subcommands = {PolicyCheck.class, PolicyShow.class})
final class PolicyCommand {
}
