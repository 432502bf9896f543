package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static dev.regent.store.registry.TestRegistries.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.Annotations;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.store.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change that would change nothing (promoting into the stage a version holds, pointing an alias where it points,
 * removing an absent tag, setting equal annotations) answers success, changes no state and writes no audit entry,
 * so pipelines can run twice. It still needs the role the change needs, and its other preconditions still hold.
 */
abstract class NoOpContractTest extends StoreFixture {
    static final Reason WHY = Reason.of("deploy");
    /** Gates only "tight-*" models, so tightening them mid-test leaves the other tests of this class alone. */
    static final String TIGHT = """
            version: 1
            models:
              "tight-*":
                stages:
                  Staging:
                    - approvals: { count: 2 }
                  Production:
                    - approvals: { count: 2 }
            """;
    Registry registry;

    @BeforeEach
    void createRegistry() {
        if (registry == null) {
            registry = TestRegistries.open(store(), Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)),
                    SourceRules.noLocalFiles());
        }
    }

    ModelName modelWithVersions(String prefix, int versions) {
        ModelName m = uniqueModel(prefix);
        assertThat(registry.createModel(ALICE, m, Description.of("d"), Tags.of(Map.of("team", "x")), false).outcome())
                .isEqualTo(Outcome.APPLIED);
        for (int n = 1; n <= versions; n++) {
            assertThat(registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("s3://b/" + m + "/" + n),
                    Digest.parse("sha256:" + String.format("%064x", n)), null, null, null, Description.of("v"),
                    Tags.of(Map.of("k", "v"))), false).outcome()).isEqualTo(Outcome.APPLIED);
        }
        return m;
    }

    int entries(ModelName m) {
        return registry.governance().audit(ALICE, new AuditQuery(m, 0, AuditQuery.MAX_LIMIT)).size();
    }

    /** The registry's state without the audit log (checked separately, by count). */
    String state() {
        StringBuilder kept = new StringBuilder();
        for (String section : snapshot().text().split("(?m)^(?===)")) {
            if (!section.startsWith("== audit")) {
                kept.append(section);
            }
        }
        return kept.toString();
    }

    static void assertNothingChanged(OperationReport report) {
        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.APPLIED);
        assertThat(report.changes()).isEmpty();
        assertThat(report.summary()).contains("nothing changed");
        assertThat(report.rollback().commands()).isEmpty();
        assertThat(report.verified()).isTrue();
    }

    @Test
    void promotingIntoTheStageAVersionHoldsChangesNothingAndWritesNoEntry() {
        ModelName m = modelWithVersions("again", 2);
        VersionNumber one = VersionNumber.of(1);
        assertThat(registry.promote(ALICE, m, one, Stage.STAGING, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
        String before = state();
        int logged = entries(m);
        int history = registry.governance().history(ALICE, m).size();

        OperationReport again = registry.promote(ALICE, m, one, Stage.STAGING, WHY, false);

        assertNothingChanged(again);
        assertThat(again.summary()).contains("already in Staging");
        assertThat(state()).isEqualTo(before);
        assertThat(entries(m)).isEqualTo(logged);
        assertThat(registry.governance().history(ALICE, m)).hasSize(history);
        OperationReport dry = registry.promote(ALICE, m, one, Stage.STAGING, WHY, true);
        assertThat(dry.outcome()).isEqualTo(Outcome.PLANNED);
        assertThat(dry.summary()).contains("nothing would change");
        // None into None, too: a fresh version already holds it
        assertNothingChanged(registry.promote(ALICE, m, VersionNumber.of(2), Stage.NONE, WHY, false));
        assertThat(entries(m)).isEqualTo(logged);
    }

    @Test
    void aNoOpIsNotRefusedByGatesTightenedSinceButMovesNothingAndRecordsNothing() {
        ModelName m = modelWithVersions("tight", 2);
        VersionNumber one = VersionNumber.of(1);
        AliasName champion = AliasName.of("champion");
        assertThat(registry.promote(ALICE, m, one, Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.setAlias(ALICE, m, champion, one, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
        TestRegistries.use(registry, PolicyParser.parse(TIGHT, "tight"));
        try {
            String before = state();
            int logged = entries(m);

            OperationReport promote = registry.promote(BOB, m, one, Stage.PRODUCTION, WHY, false);
            OperationReport alias = registry.setAlias(BOB, m, champion, one, WHY, false);

            assertNothingChanged(promote);
            assertNothingChanged(alias);
            // the report says the gates were not what let it through: nothing moved, so none were evaluated
            assertThat(promote.plan().steps()).anyMatch(s -> s.contains("gates") && s.contains("not evaluated"));
            assertThat(alias.plan().steps()).anyMatch(s -> s.contains("gates") && s.contains("not evaluated"));
            assertThat(state()).isEqualTo(before);
            assertThat(entries(m)).isEqualTo(logged);

            // the gates are in effect for anything that moves
            OperationReport move = registry.promote(BOB, m, VersionNumber.of(2), Stage.PRODUCTION, WHY, false);
            assertThat(move.refusalCode()).contains(ErrorCode.GATE_FAILED);
            OperationReport moveAlias = registry.setAlias(BOB, m, champion, VersionNumber.of(2), WHY, false);
            assertThat(moveAlias.refusalCode()).contains(ErrorCode.GATE_FAILED);
            assertThat(registry.version(ALICE, m, one).stage()).isEqualTo(Stage.PRODUCTION);
        } finally {
            TestRegistries.use(registry, TestRegistries.NO_GATES);
        }
    }

    @Test
    void removingAnAbsentTagOrSettingEqualValuesChangesNothingOnModelsAndVersions() {
        ModelName m = modelWithVersions("annotate", 1);
        VersionNumber one = VersionNumber.of(1);
        String before = state();
        int logged = entries(m);

        assertNothingChanged(registry.updateModel(ALICE, m, new Annotations(null, Map.of(), Set.of("absent")), false));
        assertNothingChanged(registry.updateModel(ALICE, m, new Annotations(Description.of("d"), Map.of("team", "x"), Set.of()), false));
        assertNothingChanged(registry.updateVersion(ALICE, m, one, new Annotations(null, Map.of(), Set.of("absent")), false));
        assertNothingChanged(registry.updateVersion(ALICE, m, one, new Annotations(Description.of("v"), Map.of("k", "v"), Set.of()), false));

        assertThat(state()).isEqualTo(before);
        assertThat(entries(m)).isEqualTo(logged);
    }

    @Test
    void aNoOpStillNeedsTheRoleAndItsOtherPreconditions() {
        ModelName m = modelWithVersions("guarded", 1);
        VersionNumber one = VersionNumber.of(1);
        registry.promote(ALICE, m, one, Stage.STAGING, WHY, false);
        Principal viewer = Principal.of("vera-" + m);
        registry.access().addPrincipal(ALICE, viewer, PrincipalKind.USER, Grant.global(Role.VIEWER), false);

        assertThatThrownBy(() -> registry.promote(viewer, m, one, Stage.STAGING, WHY, false))
                .isInstanceOfSatisfying(RegentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        assertThatThrownBy(() -> registry.updateModel(viewer, m, new Annotations(null, Map.of(), Set.of("absent")), false))
                .isInstanceOfSatisfying(RegentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        // a stale If-Match is refused even when the change would change nothing
        OperationReport stale = registry.updateModel(ALICE, m, new Annotations(null, Map.of(), Set.of("absent")), current -> false, false);
        assertThat(stale.refusalCode()).contains(ErrorCode.STALE_REVISION);
        assertThatThrownBy(() -> registry.promote(ALICE, m, VersionNumber.of(9), Stage.STAGING, WHY, false))
                .isInstanceOfSatisfying(RegentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
