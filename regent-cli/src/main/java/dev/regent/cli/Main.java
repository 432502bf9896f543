package dev.regent.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.LogManager;

/** The composition root of the {@code regent} command: wires the real environment and runs the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        LocaleDataWarmUp.begin();
        quietLibraryLogging(System.getenv("REGENT_LOG_LEVEL"));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        BufferedReader terminal = System.console() != null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : null;
        CliEnvironment environment = new CliEnvironment(out, err, System.getenv(), Clock.systemUTC(),
                Path.of("").toAbsolutePath(), System.getProperty("user.name", "operator"), terminal);
        StartupTrace.mark("logging configured");
        picocli.CommandLine commandLine = RegentCommand.commandLine(environment, args);
        StartupTrace.mark("command line built");
        int code = commandLine.execute(args);
        StartupTrace.mark("command done");
        out.flush();
        err.flush();
        stopHttpSelectors();
        System.exit(code);
    }

    /**
     * Wakes the HTTP client's selector thread so it ends before the JVM does. The JVM's exit waits up to 300 ms for
     * every thread blocked in native code, and java.net.http's selector thread always is (in epoll), which made a
     * third of a remote command's time (issue 18); Java 17's HttpClient has no close(). Interrupted, the thread leaves
     * its loop and closes its selector; nothing else is left to use it, as the command is done.
     */
    static void stopHttpSelectors() {
        Thread[] threads = new Thread[Thread.activeCount() + 8];
        int count = Thread.enumerate(threads);
        for (int i = 0; i < count; i++) {
            String name = threads[i].getName();
            if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
                threads[i].interrupt();
            }
        }
    }

    /** A server logs its access lines (INFO, one per request) while libraries stay at warnings. */
    static void serverLogging() {
        configureLogging(Level.WARNING, "dev.regent.server.level=INFO\n");
    }

    /** Libraries log through java.util.logging; a command's output is its report, so only warnings get through. */
    static void quietLibraryLogging(String level) {
        Level chosen = Level.WARNING;
        if (level != null && !level.isBlank()) {
            try {
                chosen = Level.parse(level.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                chosen = Level.WARNING;
            }
        }
        configureLogging(chosen, "");
    }

    /**
     * Levels are set through LogManager's configuration, not on Logger objects: JUL holds loggers weakly, so a level
     * set on one that is later collected would be lost.
     */
    private static void configureLogging(Level rootLevel, String extra) {
        String config = "handlers=java.util.logging.ConsoleHandler\n"
                + ".level=" + rootLevel.getName() + "\n"
                + "java.util.logging.ConsoleHandler.level=ALL\n"
                + "java.util.logging.ConsoleHandler.formatter=" + LogLineFormatter.class.getName() + "\n"
                + extra;
        try {
            LogManager.getLogManager().readConfiguration(
                    new java.io.ByteArrayInputStream(config.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
