package dev.regent.server.ui.view;

/** An error page: the status, the error code and a message a person can act on. */
public record ErrorView(Frame frame, int status, String code, String message) {
}
