package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Annotations;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.store.StoreFixture;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which changes move last-updated times, as MLflow 2.9.2 does (clients order by it: search_model_versions(…)[0]): a
 * model's moves with its description and when a version is registered, deleted or changes stage; not with tags. A
 * version's moves with its description and stage, not with tags. A rename moves the model's and every version's.
 */
abstract class UpdatedTimeContractTest extends StoreFixture {
    static final VersionNumber V1 = VersionNumber.of(1);
    final SteppingClock clock = new SteppingClock(Instant.parse("2030-01-01T00:00:00Z"));
    Registry registry;

    @BeforeEach
    void open() {
        if (registry == null) {
            registry = TestRegistries.open(store(), clock, SourceRules.noLocalFiles());
        }
    }

    private Instant modelTime(ModelName m) {
        return registry.model(BOB, m).updatedAt();
    }

    private Instant versionTime(ModelName m) {
        return registry.version(BOB, m, V1).updatedAt();
    }

    @Test
    void versionsAndStagesMoveTheModelsTimeAndTagsMoveNothing() {
        ModelName m = uniqueModel("times");
        registry.createModel(BOB, m, Description.EMPTY, Tags.EMPTY, false);
        Instant created = modelTime(m);
        registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/" + m), null, null, null, null, null, null), false);
        Instant registered = modelTime(m);
        assertThat(registered).isAfter(created);
        assertThat(versionTime(m)).isEqualTo(registered);

        registry.updateModel(BOB, m, new Annotations(null, Map.of("team", "risk"), java.util.Set.of()), false);
        assertThat(modelTime(m)).as("a model tag moves nothing").isEqualTo(registered);
        registry.updateVersion(BOB, m, V1, new Annotations(null, Map.of("k", "v"), java.util.Set.of()), false);
        assertThat(versionTime(m)).as("a version tag moves nothing").isEqualTo(registered);
        assertThat(modelTime(m)).isEqualTo(registered);

        registry.updateVersion(BOB, m, V1, new Annotations(Description.of("tuned"), Map.of(), java.util.Set.of()), false);
        Instant described = versionTime(m);
        assertThat(described).isAfter(registered);
        assertThat(modelTime(m)).as("a version's description is the version's").isEqualTo(registered);

        registry.promote(BOB, m, V1, Stage.STAGING, Reason.of("try"), false);
        assertThat(versionTime(m)).isAfter(described);
        assertThat(modelTime(m)).isEqualTo(versionTime(m));

        Instant beforeRename = versionTime(m);
        ModelName renamed = uniqueModel("times-renamed");
        registry.renameModel(BOB, m, renamed, "clearer", false);
        assertThat(registry.version(BOB, renamed, V1).updatedAt()).isAfter(beforeRename);
        assertThat(registry.model(BOB, renamed).updatedAt()).isEqualTo(registry.version(BOB, renamed, V1).updatedAt());
    }
}
