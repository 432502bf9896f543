package dev.regent.api.mlflow;

/** A tag as MLflow writes it: {@code {"key": …, "value": …}} (RegisteredModelTag and ModelVersionTag). */
public record MlflowTag(String key, String value) {
}
