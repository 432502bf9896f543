package dev.regent.server;

import java.util.Map;

/** One API surface's error mapper: the status, body and headers answering an exception. */
public interface ErrorMapping {
    /** What an error answers with; {@code body} is rendered by the server's JSON mapper. */
    record Mapped(int status, Object body, Map<String, String> headers) {
    }

    /** The answer for an exception raised while serving {@code where} ("METHOD /template"). */
    Mapped map(Throwable e, String where);
}
