package dev.regent.server.ui.view;

import java.util.List;
import java.util.Map;

/**
 * An error page: the status, the error code with its meaning in words, and a message a person can act on. When a
 * form post failed, {@code submitted} holds what was typed (secrets left out) and {@code back} the page of the form
 * (null when not known).
 */
public record ErrorView(Frame frame, int status, String code, String meaning, String message,
                        List<Map.Entry<String, String>> submitted, String back) {
}
