package dev.regent.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Opens the CLI package's test harness and server launcher to tests in other packages. */
public final class CliTestAccess {
    private CliTestAccess() {
    }

    /** One CLI run's result. */
    public record Run(int exit, String out, String err) {
    }

    /** A CLI in a working directory with extra environment variables. */
    public interface Cli {
        Run run(String... args);
    }

    /** A running server. */
    public interface Server extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    public static Cli cli(Path workingDir, Map<String, String> env) {
        CliHarness harness = new CliHarness(workingDir);
        harness.env.putAll(env);
        return args -> {
            CliHarness.Result r = harness.run(args);
            return new Run(r.exit(), r.out(), r.err());
        };
    }

    public static Server startServer(Path dataDir, Path policyFile, String adminToken) {
        ServerLauncher launcher = ServerLauncher.start(dataDir, null, PolicyFiles.parse(policyFile), "127.0.0.1", 0, adminToken,
                Clock.systemUTC());
        return new Server() {
            @Override
            public int port() {
                return launcher.port();
            }

            @Override
            public void close() {
                launcher.close();
            }
        };
    }

}
