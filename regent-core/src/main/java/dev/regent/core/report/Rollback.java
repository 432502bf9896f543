package dev.regent.core.report;

import java.util.List;

/** How to undo the change: the exact commands, and a note when something cannot be undone by a command. */
public record Rollback(List<String> commands, String note) {
    public Rollback {
        commands = List.copyOf(commands);
        note = note == null ? "" : note;
    }

    public static Rollback nothing(String note) {
        return new Rollback(List.of(), note);
    }

    public static Rollback by(String command, String note) {
        return new Rollback(List.of(command), note);
    }
}
