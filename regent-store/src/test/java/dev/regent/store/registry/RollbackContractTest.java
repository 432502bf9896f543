package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.store.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rollback names one stage and may move versions only out of that stage: its target must not be taken out of the
 * other exclusive stage (issue 13, hole 2). Every pair of rolled-back stage and stage the target holds, for the
 * known-good target and for an explicit {@code --to}; on SQLite always and on PostgreSQL in CI.
 */
abstract class RollbackContractTest extends StoreFixture {
    private static final Reason WHY = Reason.of("bad canary's output");
    private static final VersionNumber V1 = VersionNumber.of(1);
    private static final VersionNumber V2 = VersionNumber.of(2);
    private static final VersionNumber V3 = VersionNumber.of(3);
    private Registry registry;

    @BeforeEach
    void createRegistry() {
        if (registry == null) {
            registry = TestRegistries.open(store(), Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)),
                    new SourceRules(List.of(Path.of("/srv/models"))));
        }
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (Stage rolledBack : List.of(Stage.STAGING, Stage.PRODUCTION)) {
            for (Stage held : Stage.values()) {
                for (boolean explicit : List.of(false, true)) {
                    pairs.add(Arguments.of(rolledBack, held, explicit));
                }
            }
        }
        return pairs.stream();
    }

    private static Stage other(Stage exclusive) {
        return exclusive == Stage.STAGING ? Stage.PRODUCTION : Stage.STAGING;
    }

    private ModelName model(String prefix) {
        ModelName m = uniqueModel(prefix);
        registry.createModel(ALICE, m, Description.EMPTY, Tags.EMPTY, false);
        for (int i = 1; i <= 3; i++) {
            assertThat(registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("s3://b/" + m + "/" + i),
                    Digest.parse("sha256:" + String.format("%064x", i)), null, null, null, null, null), false).outcome())
                    .isEqualTo(Outcome.APPLIED);
        }
        return m;
    }

    private void promote(ModelName m, VersionNumber v, Stage to) {
        OperationReport r = registry.promote(ALICE, m, v, to, Reason.of("setup"), false);
        assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.APPLIED);
    }

    private Stage stageOf(ModelName m, VersionNumber v) {
        return registry.version(ALICE, m, v).stage();
    }

    private List<VersionNumber> holders(ModelName m, Stage stage) {
        return registry.versions(ALICE, m, 0, Registry.MAX_PAGE).stream().filter(v -> v.stage() == stage)
                .map(v -> v.number()).toList();
    }

    private AuditEntry lastAuditEntry(ModelName m) {
        List<AuditEntry> entries = registry.governance().audit(ALICE, new AuditQuery(m, 0, AuditQuery.MAX_LIMIT));
        return entries.get(entries.size() - 1);
    }

    /**
     * Version 1 held the rolled-back stage S and was displaced from it by version 2, so it is the known-good target
     * of a rollback of S; then it moves on to the stage under test. Version 3 holds the other exclusive stage O
     * unless version 1 does. "Version 1 holds S" can only mean it displaced version 2 again: then it is the
     * current holder, which no rollback returns to (the known-good target becomes version 2).
     */
    @ParameterizedTest(name = "roll back {0} while its target holds {1} (explicit --to: {2})")
    @MethodSource("everyPair")
    void aRollbackNeverEmptiesAnotherStage(Stage stage, Stage held, boolean explicit) {
        ModelName m = model("rb");
        Stage other = other(stage);
        promote(m, V1, stage);
        promote(m, V2, stage);
        if (held == other) {
            promote(m, V1, other);
        } else {
            promote(m, V3, other);
            if (held == Stage.NONE) {
                promote(m, V1, Stage.NONE);
            } else if (held == stage) {
                promote(m, V1, stage);
            }
        }
        assertThat(stageOf(m, V1)).isEqualTo(held);
        List<VersionNumber> otherHolder = holders(m, other);
        VersionNumber to = explicit ? V1 : null;

        OperationReport dry = registry.rollback(ALICE, m, stage, WHY, to, true);
        boolean takesFromOther = held == other;
        boolean currentHolder = held == stage;
        if (takesFromOther || (currentHolder && explicit)) {
            String why = takesFromOther
                    ? "version 1 holds " + other + "; rolling " + stage + " back to it would take it out of " + other
                            + " and leave " + other + " empty"
                    : "version 1 is the current holder";
            String before = registryState();
            assertThat(dry.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(dry.refusalCode()).contains(ErrorCode.RULE_VIOLATION);
            assertThat(dry.summary()).startsWith("Dry run: this would be refused.").contains(why);

            OperationReport real = registry.rollback(ALICE, m, stage, WHY, to, false);
            assertThat(real.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(real.refusalCode()).contains(ErrorCode.RULE_VIOLATION);
            assertThat(real.summary()).startsWith("Refused:").contains(why);
            assertThat(real.plan().preconditions()).filteredOn(f -> !f.passed()).extracting(Finding::detail)
                    .anySatisfy(d -> assertThat(d).contains(why));
            assertThat(real.changes()).isEmpty();
            assertThat(registryState()).as("a refused rollback changes nothing").isEqualTo(before);
            assertThat(stageOf(m, V1)).isEqualTo(held);
            assertThat(holders(m, other)).isEqualTo(otherHolder);
            AuditEntry refusal = lastAuditEntry(m);
            assertThat(refusal.action()).isEqualTo(AuditAction.STAGE_ROLLBACK);
            assertThat(refusal.outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(refusal.reason()).isEqualTo(WHY.text());
            assertThat(refusal.after().get("refused")).contains(why);
        } else {
            VersionNumber restored = currentHolder ? V2 : V1;
            VersionNumber archived = currentHolder ? V1 : V2;
            assertThat(dry.outcome()).as(dry.summary()).isEqualTo(Outcome.PLANNED);
            assertThat(dry.summary()).contains("would return to version " + restored);

            OperationReport real = registry.rollback(ALICE, m, stage, WHY, to, false);
            assertThat(real.outcome()).as(real.summary()).isEqualTo(Outcome.APPLIED);
            assertThat(real.verified()).as(real.verification().toString()).isTrue();
            assertThat(stageOf(m, restored)).isEqualTo(stage);
            assertThat(stageOf(m, archived)).isEqualTo(Stage.ARCHIVED);
            assertThat(holders(m, other)).as("the holder of " + other).isEqualTo(otherHolder).hasSize(1);
            assertThat(lastAuditEntry(m).outcome()).isEqualTo(AuditOutcome.APPLIED);
        }
        RegistryAssertions.historyMatchesStages(registry, m);
    }

    /** The issue's own scenario: version 1 went None → Staging → Production, and Staging is rolled back. */
    @Test
    void rollingBackAnEmptyStagingDoesNotEmptyProduction() {
        ModelName m = model("issue");
        promote(m, V1, Stage.STAGING);
        promote(m, V1, Stage.PRODUCTION);
        OperationReport r = registry.rollback(ALICE, m, Stage.STAGING, WHY, null, false);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.summary()).contains("version 1 holds Production; rolling Staging back to it would take it out of "
                + "Production and leave Production empty");
        assertThat(holders(m, Stage.PRODUCTION)).containsExactly(V1);
        assertThat(holders(m, Stage.STAGING)).isEmpty();
    }

    /**
     * The refusal says what to run instead, computed from the state: another free earlier holder of the stage, a
     * rollback of the stage the target holds, a promotion of a free version, or the explicit move of the target.
     */
    @Test
    void theRefusalSuggestsCommandsThatFitTheState() {
        ModelName m = model("suggest");
        // Staging held 3, then 1, then 2; Production held 3, then 1; 3 is free (Archived)
        promote(m, V3, Stage.STAGING);
        promote(m, V1, Stage.STAGING);
        promote(m, V2, Stage.STAGING);
        promote(m, V3, Stage.PRODUCTION);
        promote(m, V1, Stage.PRODUCTION);
        String why = " --reason 'bad canary'\\''s output'";
        OperationReport r = registry.rollback(ALICE, m, Stage.STAGING, WHY, null, false);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.summary())
                .contains("version 1 holds Production; rolling Staging back to it would take it out of Production")
                .contains("Production empty. To return Staging to version 3, an earlier holder that is in Archived: "
                        + "regent rollback " + m + " --stage Staging --to 3" + why)
                .contains("; to roll back Production instead (returns version 3 to Production and archives version 1): "
                        + "regent rollback " + m + " --stage Production" + why)
                .contains("; or, to move version 1 from Production to Staging anyway and leave Production empty: regent promote "
                        + m + " 1 --to Staging" + why)
                .doesNotContain("regent promote " + m + " 2").doesNotContain("regent promote " + m + " 3");
        assertThat(stageOf(m, V1)).isEqualTo(Stage.PRODUCTION);
        assertThat(stageOf(m, V2)).isEqualTo(Stage.STAGING);
        assertThat(stageOf(m, V3)).isEqualTo(Stage.ARCHIVED);

        // each suggested rollback does what it says
        assertThat(registry.rollback(ALICE, m, Stage.STAGING, WHY, V3, true).outcome()).isEqualTo(Outcome.PLANNED);
        assertThat(registry.rollback(ALICE, m, Stage.PRODUCTION, WHY, null, true).summary())
                .contains("would return to version 3");
    }

    /** With no earlier holder free, a fresh version is suggested for promotion. */
    @Test
    void aFreeVersionIsSuggestedForPromotion() {
        ModelName m = model("fresh");
        promote(m, V1, Stage.STAGING);
        promote(m, V1, Stage.PRODUCTION);
        OperationReport r = registry.rollback(ALICE, m, Stage.STAGING, WHY, VersionNumber.of(1), true);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.summary())
                .contains("Production empty. To promote version 3 to Staging through its gates: regent promote " + m
                        + " 3 --to Staging --reason")
                .doesNotContain("--to 2").doesNotContain("--stage Production");
    }

    /** A target that never held the stage is refused for that alone, whatever stage it holds now. */
    @Test
    void anExplicitTargetThatNeverHeldTheStageIsRefusedForThatAlone() {
        ModelName m = model("never");
        promote(m, V1, Stage.PRODUCTION);
        OperationReport r = registry.rollback(ALICE, m, Stage.STAGING, WHY, V1, false);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.summary()).contains("version 1 never held Staging").doesNotContain("holds Production");
        assertThat(holders(m, Stage.PRODUCTION)).containsExactly(V1);
    }

    /** The registry's state (everything but the audit log), for "refused changes nothing" assertions. */
    private String registryState() {
        StringBuilder kept = new StringBuilder();
        for (String section : snapshot().text().split("(?m)^(?===)")) {
            if (!section.startsWith("== audit")) {
                kept.append(section);
            }
        }
        return kept.toString();
    }
}
