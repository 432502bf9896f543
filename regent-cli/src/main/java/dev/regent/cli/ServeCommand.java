package dev.regent.cli;

import dev.regent.core.error.RegentException;
import dev.regent.core.audit.tree.CheckpointSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regent serve [--host 127.0.0.1] [--port 8080] [--data DIR] [--db URL] [--policy FILE] [--checkpoint-every N]
 * [--checkpoint-interval TIME] [--checkpoint-dir DIR]}: runs the registry as a server until SIGTERM/SIGINT, then stops
 * gracefully, signing audit checkpoints every N entries or TIME. On the first start of an empty registry it prints the admin
 * token once, on its own line starting "Admin token: " (or uses $REGENT_BOOTSTRAP_TOKEN). On the embedded store it holds
 * the data directory's lock while it runs, so a second server there is refused ({@link ServerDirectoryLock}).
 */
@Command(name = "serve", description = "Run Regent as a server (REST API) on an embedded SQLite store or --db.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--public-url", paramLabel = "URL", description = "A URL clients reach this server by (repeatable; "
            + "$REGENT_PUBLIC_URL, comma-separated): requests naming another host are refused (421), against DNS rebinding. "
            + "Loopback names are always accepted on a loopback address.")
    java.util.List<String> publicUrls;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default 127.0.0.1; $REGENT_HOST).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default 8080; $REGENT_PORT; 0 picks a free one).")
    Integer port;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Sign an audit checkpoint every N new entries (default 1000; $REGENT_CHECKPOINT_EVERY).")
    Long checkpointEvery;

    @Option(names = "--checkpoint-interval", paramLabel = "TIME",
            description = "...or this long after the last one when entries were appended: 60s, 5m, 500ms (default 60s; $REGENT_CHECKPOINT_INTERVAL).")
    String checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Also write each checkpoint to DIR/checkpoint-<size>.txt, never overwriting ($REGENT_CHECKPOINT_DIR).")
    String checkpointDir;

    @Option(names = "--max-upload", paramLabel = "SIZE",
            description = "Largest upload accepted (an artifact file or manifest, or evidence): bytes, or 512MiB, 4GiB "
                    + "(default 256MiB; $REGENT_MAX_UPLOAD); 413 beyond.")
    String maxUpload;

    @Option(names = "--run-url", paramLabel = "TEMPLATE",
            description = "Link run ids in the web UI to the tracking server: an http(s) URL with {run_id}, e.g. "
                    + "'https://mlflow.example/#/experiments/0/runs/{run_id}' ($REGENT_RUN_URL; none by default).")
    String runUrl;

    @Option(names = "--webhook-allow", paramLabel = "CIDR", description = "Allow webhooks to this address range, which "
            + "is otherwise refused as private, loopback or link-local (repeatable; $REGENT_WEBHOOK_ALLOW, comma-separated), "
            + "e.g. 10.0.0.0/8 or 127.0.0.1/32; http:// webhooks go only to allowed ranges.")
    java.util.List<String> webhookAllow;

    @Option(names = "--witness", paramLabel = "NAME+HASH+KEY", description = "A witness whose cosignatures on the audit "
            + "checkpoints are accepted, as its cosignature/v1 verifier key (repeatable; $REGENT_AUDIT_WITNESSES, "
            + "comma-separated).")
    java.util.List<String> witnesses;

    @Option(names = "--exit-when-ready", hidden = true,
            description = "Start, answer a few requests to itself, then stop: the launcher's training run for its "
                    + "class-data sharing archive (what a real start loads, archived for the next start).")
    boolean exitWhenReady;

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
        Path dataDir = root.dataDirectory();
        String dbUrl = root.databaseUrl();
        Optional<PolicyFiles.Given> policy = PolicyFiles.given(root.policy, env, dataDir);
        Main.serverLogging();
        ServerLauncher.AuditOptions audit = new ServerLauncher.AuditOptions(
                env.variable("REGENT_AUDIT_KEY_FILE").map(f -> env.workingDir().resolve(f)).orElse(null),
                env.variable("REGENT_AUDIT_ORIGIN").orElse(LocalAudit.DEFAULT_ORIGIN),
                new CheckpointSigner.Schedule(
                        checkpointEvery != null ? checkpointEvery : env.variable("REGENT_CHECKPOINT_EVERY")
                                .map(v -> parseCount(v)).orElse(CheckpointSigner.Schedule.DEFAULT_ENTRIES),
                        parseInterval(checkpointInterval != null ? checkpointInterval
                                : env.variable("REGENT_CHECKPOINT_INTERVAL").orElse(null))),
                Optional.ofNullable(checkpointDir).or(() -> env.variable("REGENT_CHECKPOINT_DIR"))
                        .map(d -> env.workingDir().resolve(d)).orElse(null),
                dev.regent.core.audit.tree.Witnesses.parse(witnesses != null ? witnesses : env.variable("REGENT_AUDIT_WITNESSES")
                        .map(v -> java.util.Arrays.asList(v.split("[,\\s]+"))).orElse(java.util.List.of())));
        java.util.List<java.net.URI> urls = parseUrls(publicUrls != null ? publicUrls : env.variable("REGENT_PUBLIC_URL")
                .map(v -> java.util.Arrays.asList(v.split(","))).orElse(java.util.List.of()));
        // checked before anything starts: a template that is not http(s) or lacks {run_id} is refused with what to fix
        dev.regent.server.ui.RunLinks runLinks = dev.regent.server.ui.RunLinks.of(
                runUrl != null ? runUrl : env.variable("REGENT_RUN_URL").orElse(null));
        // before anything is opened: a first start that failed to listen would otherwise have made the admin and its
        // token without ever showing the token
        if (PortInUse.busy(bindHost, bindPort)) {
            throw PortInUse.refusal(bindHost, bindPort);
        }
        ServerLauncher server;
        try {
            server = ServerLauncher.start(dataDir, dbUrl, PolicyFiles.seed(policy), policy, bindHost, bindPort,
                    env.variable("REGENT_BOOTSTRAP_TOKEN").orElse(null), env.clock(), audit,
                    parseSize(maxUpload != null ? maxUpload : env.variable("REGENT_MAX_UPLOAD").orElse(null)),
                    urls, runLinks, dev.regent.server.webhook.WebhookSettings.defaults(webhookRanges(webhookAllow != null ? webhookAllow
                            : env.variable("REGENT_WEBHOOK_ALLOW").map(v -> java.util.Arrays.asList(v.split(",")))
                            .orElse(java.util.List.of()))));
        } catch (Exception e) {
            // the HTTP library reports a taken port as "STOPPED" (the bind error is logged, not chained): ask the port
            if (PortInUse.causes(e) || PortInUse.busy(bindHost, bindPort)) {
                throw PortInUse.refusal(bindHost, bindPort);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
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
                + ", " + server.policy() + ")");
        if (urls.isEmpty() && (bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]"))) {
            env.out().println("Listening on every address: answering for this machine's addresses and host name; give "
                    + "--public-url https://NAME for a DNS name clients use (others are refused, against DNS rebinding).");
        }
        if (webhookAllow != null && !webhookAllow.isEmpty()) {
            env.out().println("Webhooks may also go to " + String.join(", ", webhookAllow) + ".");
        }
        CheckpointSigner.Schedule schedule = server.audit().schedule();
        env.out().println("Audit checkpoints every " + schedule.everyEntries() + " entries or " + schedule.every().toMillis()
                + " ms" + (audit.checkpointDir() == null ? "" : ", written to " + audit.checkpointDir())
                + "; verifier key " + server.audit().verifier()
                + (server.audit().cosignatures().witnesses().isEmpty() ? "" : "; witnesses "
                        + server.audit().cosignatures().witnesses().keys().stream().map(Object::toString)
                        .collect(java.util.stream.Collectors.joining(", "))));
        env.out().flush();
        if (exitWhenReady) {
            warmUp(bindHost, server.port());
            server.close();
            return ExitCodes.OK;
        }
        stopped.await();
        return ExitCodes.OK;
    }

    /** The requests of a typical first minute, so their classes are loaded (and archived by the training run). */
    private static void warmUp(String host, int port) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : new String[] {"/ready", "/health", "/sign-in", "/static/regent.css", "/api/v1/models"}) {
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + host + ":" + port + path))
                        .header("Accept", "text/html").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A byte count: a bare number, or with KiB, MiB, GiB (or K, M, G, as powers of 1024); null for the default. */
    static long parseSize(String text) {
        if (text == null) {
            return dev.regent.server.ServerConfig.DEFAULT_MAX_UPLOAD_BYTES;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,15})\\s*(K|KiB|M|MiB|G|GiB)?", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(text.trim());
        if (!m.matches()) {
            throw RegentException.invalid("the upload limit must look like 1048576, 512MiB or 4GiB, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1).toUpperCase(java.util.Locale.ROOT);
        long bytes = switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            case "G" -> n << 30;
            default -> n;
        };
        if (bytes < 1 || bytes >>> 50 != 0) {
            throw RegentException.invalid("the upload limit must be between 1 byte and 1 PiB, got '" + text + "'");
        }
        return bytes;
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw RegentException.invalid("$REGENT_CHECKPOINT_EVERY must be a number of entries, got '" + text + "'");
        }
    }

    /** 60s, 5m, 1h, 500ms or a bare number of seconds; null for the default. */
    static Duration parseInterval(String text) {
        if (text == null) {
            return CheckpointSigner.Schedule.DEFAULT_EVERY;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)?").matcher(text.trim());
        if (!m.matches()) {
            throw RegentException.invalid("the checkpoint interval must look like 60s, 5m, 1h or 500ms, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw RegentException.invalid("$REGENT_PORT must be a port number, got '" + text + "'");
        }
    }

    /** The public URLs, each http(s)://HOST[:PORT]; INVALID_ARGUMENT naming the first that is not. */
    static java.util.List<java.net.URI> parseUrls(java.util.List<String> raw) {
        java.util.List<java.net.URI> urls = new java.util.ArrayList<>();
        for (String text : raw) {
            if (text.isBlank()) {
                continue;
            }
            try {
                java.net.URI url = new java.net.URI(text.trim());
                if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                    throw new java.net.URISyntaxException(text, "not http(s)://HOST[:PORT]");
                }
                urls.add(url);
            } catch (java.net.URISyntaxException e) {
                throw RegentException.invalid("--public-url must be http(s)://HOST[:PORT], got '" + text.trim() + "'");
            }
        }
        return urls;
    }

    /** The --webhook-allow ranges, each an address or CIDR; bad input is refused before anything starts. */
    static java.util.List<dev.regent.server.webhook.Cidr> webhookRanges(java.util.List<String> texts) {
        java.util.List<dev.regent.server.webhook.Cidr> out = new java.util.ArrayList<>();
        for (String t : texts) {
            if (t.isBlank()) {
                continue;
            }
            try {
                out.add(dev.regent.server.webhook.Cidr.parse(t));
            } catch (IllegalArgumentException e) {
                throw RegentException.invalid("--webhook-allow: " + e.getMessage());
            }
        }
        return out;
    }
}
