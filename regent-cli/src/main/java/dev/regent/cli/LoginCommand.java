package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.client.RegentClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code regent login URL [--token T]}: checks the token against the server and saves both in the config file
 * (mode 0600), so later commands run in remote mode without flags.
 */
@Command(name = "login", description = "Save a remote registry URL and token (checked against the server) for later commands.")
final class LoginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL")
    String rawUrl;

    @Override
    public Integer call() {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        CliEnvironment env = root.environment();
        MissingInputs inputs = new MissingInputs(env);
        rawUrl = inputs.require("URL", rawUrl);
        String token = root.token != null ? root.token : env.variable("REGENT_TOKEN").orElse(null);
        token = inputs.require("--token", token);
        inputs.check();
        URI url = RemoteConfig.parseUrl(rawUrl);
        // the token is checked (whoami) before anything is saved
        dev.regent.core.model.Principal me = RegentClient.connect(url, token).actor();
        Path file = RemoteConfig.file(env);
        RemoteConfig.write(file, url, token);
        env.out().println("Logged in to " + url + " as " + me + "; saved to " + file);
        env.out().flush();
        return ExitCodes.OK;
    }
}
