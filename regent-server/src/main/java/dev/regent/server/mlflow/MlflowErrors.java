package dev.regent.server.mlflow;

import dev.regent.api.ErrorWire;
import dev.regent.api.mlflow.MlflowError;
import dev.regent.server.ErrorMapping;
import java.util.Map;

/**
 * The MLflow surface's one error mapper: it takes the native mapper's answer (so every Regent code, HTTP-only
 * refusal and unexpected error is classified once) and translates it to MLflow's {@code {"error_code", "message"}}
 * with MLflow's codes and statuses — "already exists" is 400 here, as MLflow clients expect, and a gate refusal
 * is PERMISSION_DENIED.
 */
public final class MlflowErrors implements ErrorMapping {
    private record Code(String name, int status) {
    }

    private static final Map<String, Code> BY_NATIVE = Map.ofEntries(
            Map.entry("INVALID_ARGUMENT", new Code("INVALID_PARAMETER_VALUE", 400)),
            Map.entry("NOT_FOUND", new Code("RESOURCE_DOES_NOT_EXIST", 404)),
            Map.entry("ALREADY_EXISTS", new Code("RESOURCE_ALREADY_EXISTS", 400)),
            Map.entry("CONFLICT", new Code("INVALID_STATE", 400)),
            Map.entry("RULE_VIOLATION", new Code("INVALID_STATE", 400)),
            Map.entry("GATE_FAILED", new Code("PERMISSION_DENIED", 403)),
            Map.entry("UNAUTHENTICATED", new Code("UNAUTHENTICATED", 401)),
            Map.entry("PERMISSION_DENIED", new Code("PERMISSION_DENIED", 403)),
            Map.entry("PAYLOAD_TOO_LARGE", new Code("REQUEST_LIMIT_EXCEEDED", 413)),
            Map.entry("INSUFFICIENT_STORAGE", new Code("RESOURCE_EXHAUSTED", 507)),
            Map.entry("UNAVAILABLE", new Code("TEMPORARILY_UNAVAILABLE", 503)),
            Map.entry("INTERNAL", new Code("INTERNAL_ERROR", 500)));

    private final ErrorMapping nativeErrors;

    /** @param nativeErrors the native API's mapper, whose classification this one translates */
    public MlflowErrors(ErrorMapping nativeErrors) {
        this.nativeErrors = nativeErrors;
    }

    @Override
    public Mapped map(Throwable e, String where) {
        if (e instanceof MlflowException m) {
            return new Mapped(m.status(), new MlflowError(m.errorCode(), m.getMessage()), Map.of());
        }
        Mapped mapped = nativeErrors.map(e, where);
        ErrorWire.Body body = ((ErrorWire) mapped.body()).error();
        Code code = BY_NATIVE.getOrDefault(body.code(), new Code("BAD_REQUEST", mapped.status()));
        Map<String, String> headers = code.status() == 401
                ? Map.of("WWW-Authenticate", "Bearer realm=\"regent\", Basic realm=\"regent\"") : mapped.headers();
        return new Mapped(code.status(), new MlflowError(code.name(), body.message()), headers);
    }
}
