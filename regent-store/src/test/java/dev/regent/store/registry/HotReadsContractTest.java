package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static dev.regent.store.registry.TestRegistries.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreFixture;
import dev.regent.store.blob.FileBlobStore;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's view of hot reads never serves what a change made through the same registry has replaced, and
 * sees another node's (or process's) changes within a bounded wait. One suite, on SQLite and on PostgreSQL.
 */
abstract class HotReadsContractTest extends StoreFixture {
    Registry registry;

    @BeforeEach
    void createRegistry() {
        if (registry == null) {
            registry = TestRegistries.open(store(), Clock.systemUTC(), SourceRules.noLocalFiles());
        }
    }

    ModelName modelWithVersions(String prefix, int versions) {
        ModelName m = uniqueModel(prefix);
        registry.createModel(ALICE, m, Description.EMPTY, Tags.EMPTY, false);
        for (int i = 1; i <= versions; i++) {
            registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("s3://b/" + m + "/" + i), null, null, null, null,
                    null, null), false);
        }
        return m;
    }

    /** Another server node (or process) on the same database: its own store, registry and view. */
    Registry otherNode(RegistryStore store) throws Exception {
        return new Registry(store, Clock.systemUTC(), new Random(5), SourceRules.noLocalFiles(), TestRegistries.NO_GATES,
                new FileBlobStore(Files.createTempDirectory("regent-blobs")), true);
    }

    static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aChangeThroughTheRegistryIsSeenByItsNextRead() {
        ModelName m = modelWithVersions("hot", 2);
        assertThat(registry.overview(ALICE, m).aliases()).isEmpty();
        assertThat(registry.version(ALICE, m, VersionNumber.of(1)).stage()).isEqualTo(Stage.NONE);
        assertThat(registry.latestPerStage(ALICE, m)).extracting(v -> v.number().value()).containsExactly(2);
        // read again: served from the view; then change and read at once
        registry.overview(ALICE, m);
        registry.setAlias(ALICE, m, AliasName.of("champion"), VersionNumber.of(1), Reason.of("best"), false);
        registry.promote(ALICE, m, VersionNumber.of(1), Stage.PRODUCTION, Reason.of("go"), false);
        assertThat(registry.overview(ALICE, m).aliases()).containsEntry(AliasName.of("champion"), VersionNumber.of(1));
        assertThat(registry.overview(ALICE, m).stageHolders()).containsEntry(Stage.PRODUCTION, VersionNumber.of(1));
        assertThat(registry.version(ALICE, m, VersionNumber.of(1)).stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(registry.latestPerStage(ALICE, m)).extracting(v -> v.stage() + "/" + v.number())
                .containsExactly("None/2", "Production/1");
        // a refused change changes nothing (a model with a Production version cannot be deleted) ...
        assertThat(registry.deleteModel(ALICE, m, Reason.of("done"), false).outcome())
                .isEqualTo(dev.regent.core.report.Outcome.REFUSED);
        assertThat(registry.overview(ALICE, m).stageHolders()).containsEntry(Stage.PRODUCTION, VersionNumber.of(1));
        // ... and a deleted model is gone at once
        registry.promote(ALICE, m, VersionNumber.of(1), Stage.ARCHIVED, Reason.of("retired"), false);
        assertThat(registry.deleteModel(ALICE, m, Reason.of("done"), false).outcome())
                .isEqualTo(dev.regent.core.report.Outcome.APPLIED);
        assertThatThrownBy(() -> registry.overview(ALICE, m)).isInstanceOf(RegentException.class)
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> registry.version(ALICE, m, VersionNumber.of(1))).isInstanceOf(RegentException.class);
    }

    @Test
    void revokingATokenOrAGrantTakesEffectOnTheNextRequest() {
        Principal erin = Principal.of("erin-" + uniqueModel("p").value());
        ModelName m = modelWithVersions("granted", 1);
        registry.access().addPrincipal(ALICE, erin, PrincipalKind.USER, new Grant(Role.VIEWER, m), false);
        var issued = registry.access().issueToken(ALICE, erin, null, "hot", false);
        String secret = issued.secret().orElseThrow();
        assertThat(registry.access().authenticate(secret).principal()).isEqualTo(erin);
        assertThat(registry.access().authenticate(secret).principal()).isEqualTo(erin);
        assertThat(registry.overview(erin, m).model().name()).isEqualTo(m);
        ModelName other = modelWithVersions("other", 1);
        assertThatThrownBy(() -> registry.overview(erin, other)).isInstanceOf(RegentException.class);
        registry.access().addPrincipal(ALICE, erin, PrincipalKind.USER, new Grant(Role.VIEWER, other), false);
        assertThat(registry.overview(erin, other).model().name()).isEqualTo(other);

        registry.access().revokeToken(ALICE, issued.tokenId(), false);
        assertThatThrownBy(() -> registry.access().authenticate(secret)).isInstanceOf(RegentException.class)
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void anotherNodesChangeIsSeenWithinABoundedWait() throws Exception {
        ModelName m = modelWithVersions("nodes", 1);
        try (RegistryStore otherStore = openStore()) {
            Registry other = otherNode(otherStore);
            assertThat(other.overview(ALICE, m).aliases()).isEmpty();
            assertThat(other.version(BOB, m, VersionNumber.of(1)).stage()).isEqualTo(Stage.NONE);
            registry.setAlias(ALICE, m, AliasName.of("live"), VersionNumber.of(1), Reason.of("x"), false);
            registry.promote(ALICE, m, VersionNumber.of(1), Stage.STAGING, Reason.of("x"), false);
            // PostgreSQL: as soon as the notification arrives; SQLite (another process): within the view's 1 s
            assertThat(within(3000, () -> other.overview(ALICE, m).aliases().containsKey(AliasName.of("live")))).isTrue();
            assertThat(within(3000, () -> other.version(BOB, m, VersionNumber.of(1)).stage() == Stage.STAGING)).isTrue();
        }
    }
}
