package dev.regent.cli;

import dev.regent.core.error.RegentException;
import dev.regent.core.policy.Policy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regent serve [--host 127.0.0.1] [--port 8080] [--data DIR] [--db URL] [--policy FILE]}: runs the registry as
 * a server until SIGTERM/SIGINT, then stops gracefully. On the first start of an empty registry it prints the admin
 * token once, on its own line starting "Admin token: " (or uses $REGENT_BOOTSTRAP_TOKEN).
 */
@Command(name = "serve", description = "Run Regent as a server (REST API) on an embedded SQLite store or --db.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default 127.0.0.1; $REGENT_HOST).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default 8080; $REGENT_PORT; 0 picks a free one).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        CliEnvironment env = root.environment();
        if (root.registry != null) {
            throw RegentException.invalid("--registry is for client commands; 'regent serve' runs the registry itself");
        }
        String bindHost = host != null ? host : env.variable("REGENT_HOST").orElse("127.0.0.1");
        int bindPort = port != null ? port : env.variable("REGENT_PORT").map(ServeCommand::parsePort).orElse(8080);
        if (bindPort < 0 || bindPort > 65535) {
            throw RegentException.invalid("--port must be between 0 and 65535, got " + bindPort);
        }
        Path dataDir = root.data != null ? env.workingDir().resolve(root.data)
                : env.variable("REGENT_DATA").map(d -> env.workingDir().resolve(d)).orElse(env.workingDir().resolve("regent-data"));
        String dbUrl = root.db != null ? root.db : env.variable("REGENT_DB_URL").orElse(null);
        Policy policy = PolicyFiles.load(root.policy, env, dataDir);
        Main.serverLogging();
        ServerLauncher.AuditOptions audit = new ServerLauncher.AuditOptions(
                env.variable("REGENT_AUDIT_KEY_FILE").map(f -> env.workingDir().resolve(f)).orElse(null),
                env.variable("REGENT_AUDIT_ORIGIN").orElse(LocalAudit.DEFAULT_ORIGIN),
                dev.regent.core.audit.tree.CheckpointSigner.Schedule.defaults(), null);
        ServerLauncher server = ServerLauncher.start(dataDir, dbUrl, policy, bindHost, bindPort,
                env.variable("REGENT_BOOTSTRAP_TOKEN").orElse(null), env.clock(), audit);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "regent-shutdown"));
        server.bootstrapToken().ifPresent(token -> {
            env.out().println("Registry created; its first admin is '" + ServerLauncher.BOOTSTRAP_ADMIN + "'.");
            env.out().println("Admin token: " + token);
            env.out().println("(shown once: create more with 'regent token create' and principals with 'regent principal add')");
        });
        env.out().println("Regent listening on http://" + bindHost + ":" + server.port() + " (data " + dataDir.toAbsolutePath()
                + ", policy " + policy.source() + ")");
        env.out().flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw RegentException.invalid("$REGENT_PORT must be a port number, got '" + text + "'");
        }
    }
}
