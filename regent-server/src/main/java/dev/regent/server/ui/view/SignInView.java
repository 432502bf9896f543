package dev.regent.server.ui.view;

/** The sign-in page: the form's double-submit token, where to go afterwards, and why the last attempt failed. */
public record SignInView(Frame frame, String formToken, String next, String problem) {
}
