package dev.regent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code regent logout}: forgets the registry and token 'regent login' saved, so commands run in local mode again
 * (unless $REGENT_URL says otherwise, which it then points out). The token itself stays valid: revoke it with
 * 'regent token revoke' to end it.
 */
@Command(name = "logout", description = "Forget the saved login: commands run in local mode again.")
final class LogoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        CliEnvironment env = root.environment();
        Path file = RemoteConfig.file(env);
        try {
            boolean removed = Files.deleteIfExists(file);
            env.out().println(removed ? "Logged out: removed " + file + " (the token stays valid until revoked: "
                    + "'regent token revoke ID')." : "Not logged in (no " + file + ").");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
        env.variable("REGENT_URL").ifPresent(url -> env.out().println("$REGENT_URL is still set (" + url
                + "): commands go there until it is unset, or with --local."));
        env.out().flush();
        return ExitCodes.OK;
    }
}
