package dev.regent.cli.transport;

/** What a step came to, in words every transport can say: the CLI's exit codes and HTTP statuses both map here. */
enum Outcome {
    OK, REFUSED, BAD_INPUT, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED, INTERNAL;

    static Outcome ofExitCode(int code) {
        return switch (code) {
            case 0 -> OK;
            case 1 -> REFUSED;
            case 2 -> BAD_INPUT;
            case 3 -> NOT_FOUND;
            case 4 -> FORBIDDEN;
            default -> INTERNAL;
        };
    }

    static Outcome ofHttpStatus(int status) {
        if (status / 100 == 2) {
            return OK;
        }
        return switch (status) {
            case 400, 413, 422, 428 -> BAD_INPUT;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409, 412 -> REFUSED;
            default -> INTERNAL;
        };
    }

    /** The CLI folds 401 and 403 into one exit code (4); compare at that resolution. */
    Outcome asCli() {
        return this == UNAUTHENTICATED ? FORBIDDEN : this;
    }
}
