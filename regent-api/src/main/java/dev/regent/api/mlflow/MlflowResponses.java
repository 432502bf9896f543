package dev.regent.api.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The response messages of MLflow's registry service, by the proto's names; empty fields are omitted. */
public final class MlflowResponses {
    private MlflowResponses() {
    }

    /** CreateRegisteredModel, GetRegisteredModel, UpdateRegisteredModel, RenameRegisteredModel. */
    public record OneModel(MlflowRegisteredModel registered_model) {
    }

    /** CreateModelVersion, GetModelVersion, UpdateModelVersion, TransitionModelVersionStage, GetModelVersionByAlias. */
    public record OneVersion(MlflowModelVersion model_version) {
    }

    /** SearchRegisteredModels. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Models(List<MlflowRegisteredModel> registered_models, String next_page_token) {
    }

    /** SearchModelVersions and GetLatestVersions (which has no page token). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Versions(List<MlflowModelVersion> model_versions, String next_page_token) {
    }

    /** GetModelVersionDownloadUri. */
    public record DownloadUri(String artifact_uri) {
    }
}
