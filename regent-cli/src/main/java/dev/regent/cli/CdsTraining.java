package dev.regent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the CLI's class-data sharing archive (issue 18: a command should answer like gh). Run by
 * the launchers with {@code -XX:DumpLoadedClassList}, it runs everyday commands in-process in both modes — local on a
 * scratch data directory, remote against a throwaway server in a separate JVM (so the server's classes stay out of
 * the list) — and the launchers then make a static archive from the list ({@code -Xshare:dump}). A static archive,
 * unlike the dynamic one ({@code -XX:ArchiveClassesAtExit}), also stores picocli's classes (compiled for an old
 * class-file version) and the method handles of lambdas and string concatenation.
 *
 * <p>With {@code --sqlite-native DIR} it also puts SQLite's native library, from the jar, in DIR: the launchers then
 * name it to the driver ({@code -Dorg.sqlite.lib.path}), which otherwise copies it out of the jar into a new temporary
 * file on every start, after asking {@code uname} whether this is Android (tens of milliseconds per command).
 *
 * <p>{@code java -cp regent.jar dev.regent.cli.CdsTraining [--sqlite-native DIR]}; exits 0 when every command ran
 * as expected.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /** The file name the launchers give the driver (-Dorg.sqlite.lib.name). */
    static final String SQLITE_NATIVE_NAME = "libsqlitejdbc.so";

    public static void main(String[] args) throws Exception {
        LocaleDataWarmUp.begin(); // as Main does, so its class is in the archive
        Main.quietLibraryLogging(null);
        if (args.length == 2 && args[0].equals("--sqlite-native")) {
            copySqliteNative(Path.of(args[1]));
        }
        Path scratch = Files.createTempDirectory("regent-cds-training");
        int failures = 0;
        Process server = null;
        try {
            Files.writeString(scratch.resolve("no-gates.yaml"), "version: 1\n");
            Map<String, String> env = new HashMap<>();
            env.put("REGENT_CONFIG", scratch.resolve("no-login.yaml").toString());
            env.put("REGENT_DATA", scratch.resolve("local").toString());
            env.put("REGENT_POLICY", "no-gates.yaml");
            failures += everyday(env, scratch);

            server = startServer(scratch);
            Map<String, String> remote = new HashMap<>();
            remote.put("REGENT_CONFIG", scratch.resolve("no-login.yaml").toString());
            String[] urlAndToken = awaitServer(server);
            remote.put("REGENT_URL", urlAndToken[0]);
            remote.put("REGENT_TOKEN", urlAndToken[1]);
            failures += everyday(remote, scratch);
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
            deleteTree(scratch);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The commands people run most, as text and as JSON; returns how many did not exit as expected. */
    private static int everyday(Map<String, String> env, Path scratch) {
        int failures = 0;
        failures += run(env, scratch, 0, "model", "create", "m", "--description", "training");
        failures += run(env, scratch, 0, "version", "register", "m", "--source", "s3://training/m/1", "--metric", "auc=0.9");
        for (String[] args : List.of(new String[] {"model", "list"}, new String[] {"--json", "model", "list"},
                new String[] {"version", "show", "m", "1"}, new String[] {"--json", "version", "show", "m", "1"},
                new String[] {"model", "show", "m"}, new String[] {"version", "list", "m"})) {
            failures += run(env, scratch, 0, args);
        }
        failures += run(env, scratch, 3, "version", "show", "m", "9");
        return failures;
    }

    private static int run(Map<String, String> env, Path scratch, int expected, String... args) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        CliEnvironment environment = new CliEnvironment(none, none, env, Clock.systemUTC(), scratch, "trainer", null);
        int exit = RegentCommand.commandLine(environment, args).execute(args);
        if (exit != expected) {
            System.err.println("cds training: 'regent " + String.join(" ", args) + "' exited " + exit + ", not " + expected);
            return 1;
        }
        return 0;
    }

    /** A server on a free port in its own JVM (this one's java and class path), its output read for URL and token. */
    private static Process startServer(Path scratch) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--data", scratch.resolve("served").toString(),
                "--policy", scratch.resolve("no-gates.yaml").toString(), "serve", "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REGENT_CONFIG", scratch.resolve("no-login.yaml").toString());
        return builder.start();
    }

    private static String[] awaitServer(Process server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String token = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("Admin token: ")) {
                token = line.substring("Admin token: ".length()).trim();
            } else if (line.startsWith("Regent listening on ") && token != null) {
                String url = line.substring("Regent listening on ".length()).split(" ")[0];
                // keep reading the server's output so it never blocks on a full pipe
                Thread drain = new Thread(() -> {
                    try {
                        while (lines.readLine() != null) {
                            // discarded
                        }
                    } catch (IOException e) {
                        // the server stopped
                    }
                }, "cds-training-drain");
                drain.setDaemon(true);
                drain.start();
                return new String[] {url, token};
            }
        }
        throw new IllegalStateException("the training server stopped before it listened");
    }

    /** SQLite's native library for this OS and architecture, out of the jar, written whole or not at all. */
    static void copySqliteNative(Path dir) throws IOException {
        String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/"
                + org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, SQLITE_NATIVE_NAME, ".tmp");
        try (var in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no SQLite native library in the jar at " + resource);
            }
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir.resolve(SQLITE_NATIVE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
