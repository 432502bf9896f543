package dev.regent.api.mlflow;

/** MLflow's error body: {@code {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "…"}}. */
public record MlflowError(String error_code, String message) {
}
