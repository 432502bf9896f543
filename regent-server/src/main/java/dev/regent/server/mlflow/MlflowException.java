package dev.regent.server.mlflow;

/** A refusal only the MLflow surface knows (an MLflow code without a Regent equivalent), with its HTTP status. */
final class MlflowException extends RuntimeException {
    private final String errorCode;
    private final int status;

    MlflowException(String errorCode, int status, String message) {
        super(message);
        this.errorCode = errorCode;
        this.status = status;
    }

    String errorCode() {
        return errorCode;
    }

    int status() {
        return status;
    }
}
