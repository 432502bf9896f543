package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Registry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks that the stage history, replayed from the start, arrives at every version's current stage. */
final class RegistryAssertions {
    private RegistryAssertions() {
    }

    static void historyMatchesStages(Registry registry, ModelName model) {
        Map<VersionNumber, Stage> replayed = new HashMap<>();
        for (Transition t : registry.governance().history(ALICE, model)) {
            Stage current = replayed.getOrDefault(t.version(), Stage.NONE);
            assertThat(t.from()).as("transition %s starts where the version was", t).isEqualTo(current);
            replayed.put(t.version(), t.to());
        }
        List<ModelVersion> versions = registry.versions(ALICE, model, 0, Registry.MAX_PAGE);
        for (ModelVersion v : versions) {
            assertThat(replayed.getOrDefault(v.number(), Stage.NONE)).as("stage of version %s", v.number()).isEqualTo(v.stage());
        }
        assertThat(versions.stream().filter(v -> v.stage() == Stage.PRODUCTION)).hasSizeLessThanOrEqualTo(1);
        assertThat(versions.stream().filter(v -> v.stage() == Stage.STAGING)).hasSizeLessThanOrEqualTo(1);
    }
}
