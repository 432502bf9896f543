package dev.regent.cli;

/** The CLI's exit codes, the same in local and remote mode (documented in README and DESIGN §6). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int BAD_INPUT = 2;
    public static final int NOT_FOUND = 3;
    public static final int UNAUTHORIZED = 4;
    public static final int INTERNAL = 5;
    /** Not a bug and not the input: the registry cannot be reached, its storage is full, the port is taken. */
    public static final int UNAVAILABLE = 6;

    private ExitCodes() {
    }
}
