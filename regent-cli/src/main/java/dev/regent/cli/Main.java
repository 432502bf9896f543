package dev.regent.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** The composition root of the {@code regent} command: wires the real environment and runs the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        quietLibraryLogging(System.getenv("REGENT_LOG_LEVEL"));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        BufferedReader terminal = System.console() != null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : null;
        CliEnvironment environment = new CliEnvironment(out, err, System.getenv(), Clock.systemUTC(),
                Path.of("").toAbsolutePath(), System.getProperty("user.name", "operator"), terminal);
        int code = RegentCommand.commandLine(environment).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** A server logs its access lines (INFO) while libraries stay at warnings. */
    static void serverLogging() {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            h.setLevel(Level.INFO);
        }
        Logger.getLogger("dev.regent.server").setLevel(Level.INFO);
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
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(chosen);
        for (Handler h : root.getHandlers()) {
            h.setLevel(chosen);
        }
    }
}
