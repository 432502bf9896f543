package dev.regent.api.mlflow;

/** MLflow's RegisteredModelAlias: an alias and the version (as a string) it points at. */
public record MlflowAlias(String alias, String version) {
}
