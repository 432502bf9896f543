package dev.regent.cli;

/** Opens the session a command runs against. */
final class Sessions {
    private Sessions() {
    }

    static Session open(RegentCommand options) {
        return LocalSession.open(options);
    }
}
