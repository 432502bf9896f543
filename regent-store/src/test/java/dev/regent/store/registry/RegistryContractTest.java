package dev.regent.store.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Annotations;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.store.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's lifecycle rules against a real store: one suite, run on SQLite always and on PostgreSQL in CI.
 */
abstract class RegistryContractTest extends StoreFixture {
    static final Principal ALICE = Principal.of("alice");
    static final Reason WHY = Reason.of("test");
    Registry registry;

    @BeforeEach
    void createRegistry() {
        // per test, not @BeforeAll: the fixture's skip (no PostgreSQL configured) then shows on every test
        if (registry == null) {
            registry = TestRegistries.open(store(), Clock.tick(Clock.system(ZoneOffset.UTC), java.time.Duration.ofMillis(1)), new SourceRules(List.of(Path.of("/srv/models"))));
        }
    }

    static String digest(int n) {
        return "sha256:" + String.format("%064x", n);
    }

    ModelName model(String prefix) {
        ModelName name = uniqueModel(prefix);
        assertThat(registry.createModel(ALICE, name, Description.EMPTY, Tags.EMPTY, false).outcome()).isEqualTo(Outcome.APPLIED);
        return name;
    }

    OperationReport register(ModelName model, int n) {
        return registry.registerVersion(ALICE, new NewVersion(model, SourceUri.of("s3://b/" + model + "/" + n),
                Digest.parse(digest(n)), null, null, null, null, null), false);
    }

    Stage stageOf(ModelName model, int v) {
        return registry.version(ALICE, model, VersionNumber.of(v)).stage();
    }

    /** The registry's state (everything but the audit log), for "refused changes nothing" assertions. */
    String registryState() {
        StringBuilder kept = new StringBuilder();
        for (String section : snapshot().text().split("(?m)^(?===)")) {
            if (!section.startsWith("== audit")) {
                kept.append(section);
            }
        }
        return kept.toString();
    }

    long auditSize() {
        List<AuditEntry> all = registry.governance().audit(ALICE, AuditQuery.all(AuditQuery.MAX_LIMIT));
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    @Test
    void theLifecycleOfTheReadme() {
        ModelName m = model("life");
        for (int i = 1; i <= 3; i++) {
            OperationReport r = register(m, i);
            assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(r.verified()).isTrue();
        }
        assertThat(registry.promote(ALICE, m, VersionNumber.of(1), Stage.STAGING, WHY, false).verified()).isTrue();
        assertThat(registry.promote(ALICE, m, VersionNumber.of(1), Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
        OperationReport second = registry.promote(ALICE, m, VersionNumber.of(2), Stage.PRODUCTION, WHY, false);
        assertThat(second.changes()).extracting(c -> c.detail()).contains("Production -> Archived (displaced)");
        assertThat(stageOf(m, 1)).isEqualTo(Stage.ARCHIVED);
        assertThat(stageOf(m, 2)).isEqualTo(Stage.PRODUCTION);
        assertThat(second.rollback().commands()).containsExactly(
                "regent rollback " + m + " --stage Production --to 1 --reason 'undo promotion of version 2 to Production'");

        OperationReport back = registry.rollback(ALICE, m, Stage.PRODUCTION, Reason.of("latency"), null, false);
        assertThat(back.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(back.verified()).isTrue();
        assertThat(stageOf(m, 1)).isEqualTo(Stage.PRODUCTION);
        assertThat(stageOf(m, 2)).isEqualTo(Stage.ARCHIVED);

        // rolling back again finds no known-good version: 2 was rolled back away from
        OperationReport again = registry.rollback(ALICE, m, Stage.PRODUCTION, Reason.of("again"), null, false);
        assertThat(again.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(again.summary()).contains("not itself rolled back away from");

        assertThat(registry.setAlias(ALICE, m, AliasName.of("champion"), VersionNumber.of(1), WHY, false).verified()).isTrue();
        OperationReport moved = registry.setAlias(ALICE, m, AliasName.of("champion"), VersionNumber.of(3), WHY, false);
        assertThat(moved.changes()).extracting(c -> c.detail()).containsExactly("1 -> 3");
        assertThat(registry.overview(ALICE, m).aliases()).containsEntry(AliasName.of("champion"), VersionNumber.of(3));
        assertThat(registry.versions(ALICE, m, 0, 100)).hasSize(3);
    }

    @Test
    void rollbackToAnExplicitEarlierHolder() {
        ModelName m = model("explicit");
        for (int i = 1; i <= 3; i++) {
            register(m, i);
            registry.promote(ALICE, m, VersionNumber.of(i), Stage.PRODUCTION, WHY, false);
        }
        assertThat(registry.rollback(ALICE, m, Stage.PRODUCTION, WHY, VersionNumber.of(1), false).outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(stageOf(m, 1)).isEqualTo(Stage.PRODUCTION);
        register(m, 4);
        OperationReport never = registry.rollback(ALICE, m, Stage.PRODUCTION, WHY, VersionNumber.of(4), false);
        assertThat(never.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(never.summary()).contains("never held Production");
        assertThatThrownBy(() -> registry.rollback(ALICE, m, Stage.ARCHIVED, WHY, null, false))
                .isInstanceOf(RegentException.class).hasMessageContaining("Staging and Production");
    }

    @Test
    void aDuplicateDigestIsRefusedAndNamesTheExistingVersion() {
        ModelName m = model("dup");
        register(m, 1);
        String before = registryState();
        long audit = auditSize();
        OperationReport dup = register(m, 1);
        assertThat(dup.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(dup.refusalCode()).contains(ErrorCode.ALREADY_EXISTS);
        assertThat(dup.summary()).contains("already registered as version 1").contains("regent version update " + m + " 1");
        assertThat(registryState()).isEqualTo(before);
        List<AuditEntry> last = registry.governance().audit(ALICE, new AuditQuery(null, audit, 10));
        assertThat(last).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(e.action()).isEqualTo(AuditAction.VERSION_REGISTER);
            assertThat(e.actor()).isEqualTo(ALICE);
        });
    }

    @Test
    void fileSourcesOutsideTheAllowedRootsAreRefused() {
        ModelName m = model("files");
        OperationReport outside = registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("file:///etc/shadow"),
                null, null, null, null, null, null), false);
        assertThat(outside.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(outside.summary()).contains("outside the allowed roots");
        OperationReport inside = registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("file:///srv/models/a.pkl"),
                null, null, null, null, null, null), false);
        assertThat(inside.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.version(ALICE, m, VersionNumber.of(1)).artifactDigest()).isEmpty();
    }

    @Test
    void inLocalModeABareLocalPathFollowsTheSameRootsAsAFileSource() {
        ModelName m = model("bare");
        OperationReport outside = registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("/etc/shadow"),
                null, null, null, null, null, null), false);
        assertThat(outside.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(outside.summary()).contains("outside the allowed roots");
        OperationReport inside = registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("/srv/models/a.pkl"),
                null, null, null, null, null, null), false);
        assertThat(inside.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.version(ALICE, m, VersionNumber.of(1)).source().value()).isEqualTo("/srv/models/a.pkl");
    }

    @Test
    void aServerRecordsLocalPathsAsReferencesItNeverOpensAndHoldsNoArtifactFor() throws Exception {
        Registry server = new Registry(store(), Clock.systemUTC(), new java.util.Random(11), SourceRules.references(),
                TestRegistries.NO_GATES, new dev.regent.store.blob.FileBlobStore(java.nio.file.Files.createTempDirectory("blobs")), true);
        ModelName m = model("refs");
        List<String> sources = List.of("/home/u/mlruns/1/abc/artifacts/model", "file:///etc/shadow",
                "mlflow-artifacts:/1/abc/artifacts/model", "runs:/abc/model", "models:/other/1", "dbfs:/m", "wasbs://c@a.blob/m",
                "abfss://c@a.dfs/m", "hdfs://nn/m", "https://example.com/m");
        int n = 0;
        for (String source : sources) {
            OperationReport r = server.registerVersion(ALICE, new NewVersion(m, SourceUri.of(source), null, null, null, null,
                    null, null), false);
            assertThat(r.outcome()).as(source + ": " + r.summary()).isEqualTo(Outcome.APPLIED);
            VersionNumber number = VersionNumber.of(++n);
            assertThat(server.version(ALICE, m, number).source().value()).isEqualTo(source);
            assertThat(server.artifacts().artifact(ALICE, m, number)).as("the registry holds no artifact").isEmpty();
            if (SourceUri.of(source).isLocalPath()) {
                assertThat(r.plan().preconditions()).anyMatch(f -> f.passed() && f.detail().contains("never opens"));
            }
        }
        // '..' stays refused in any encoding, whatever the mode
        assertThatThrownBy(() -> SourceUri.of("/home/u/%2e%2e/x")).hasMessageContaining("'..'");
    }

    @Test
    void versionsInExclusiveStagesCannotBeDeletedAndDeletionIsATombstone() {
        ModelName m = model("del");
        register(m, 1);
        register(m, 2);
        registry.promote(ALICE, m, VersionNumber.of(1), Stage.PRODUCTION, WHY, false);
        registry.setAlias(ALICE, m, AliasName.of("old"), VersionNumber.of(2), WHY, false);
        OperationReport refused = registry.deleteVersion(ALICE, m, VersionNumber.of(1), WHY, false);
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(registry.deleteModel(ALICE, m, WHY, false).outcome()).isEqualTo(Outcome.REFUSED);

        OperationReport deleted = registry.deleteVersion(ALICE, m, VersionNumber.of(2), WHY, false);
        assertThat(deleted.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(deleted.verified()).isTrue();
        assertThatThrownBy(() -> registry.version(ALICE, m, VersionNumber.of(2)))
                .isInstanceOf(RegentException.class).extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(registry.overview(ALICE, m).aliases()).isEmpty();
        assertThat(registry.overview(ALICE, m).liveVersions()).as("one live version left").isEqualTo(1);
        assertThat(registry.overview(ALICE, m).latest()).isEqualTo(VersionNumber.of(1));
        // numbers are never reused
        assertThat(register(m, 3).changes().get(0).target()).isEqualTo(m + "/3");
        assertThat(registry.overview(ALICE, m).latest()).isEqualTo(VersionNumber.of(3));
        assertThat(registry.overview(ALICE, m).stageHolders()).containsEntry(Stage.PRODUCTION, VersionNumber.of(1));
    }

    @Test
    void aDeletedModelDisappearsAndItsNameCanBeReused() {
        ModelName m = model("gone");
        register(m, 1);
        assertThat(registry.deleteModel(ALICE, m, WHY, false).verified()).isTrue();
        assertThatThrownBy(() -> registry.model(ALICE, m)).isInstanceOf(RegentException.class);
        assertThat(registry.createModel(ALICE, m, Description.EMPTY, Tags.EMPTY, false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.versions(ALICE, m, 0, 10)).isEmpty();
        assertThat(register(m, 1).outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void annotationsChangeOnlyDescriptionAndTags() {
        ModelName m = model("notes");
        register(m, 1);
        ModelVersion before = registry.version(ALICE, m, VersionNumber.of(1));
        OperationReport r = registry.updateVersion(ALICE, m, VersionNumber.of(1),
                new Annotations(Description.of("new"), Map.of("k", "v"), Set.of()), false);
        assertThat(r.verified()).isTrue();
        assertThat(r.rollback().commands()).containsExactly("regent version update " + m + " 1 --description '' --untag k");
        ModelVersion after = registry.version(ALICE, m, VersionNumber.of(1));
        assertThat(after.description().text()).isEqualTo("new");
        assertThat(after.tags().values()).containsEntry("k", "v");
        assertThat(after.source()).isEqualTo(before.source());
        assertThat(after.artifactDigest()).isEqualTo(before.artifactDigest());
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
    }

    @Test
    void everyDryRunWritesNothingAtAll() {
        ModelName m = model("dry");
        register(m, 1);
        register(m, 2);
        registry.promote(ALICE, m, VersionNumber.of(1), Stage.PRODUCTION, WHY, false);
        registry.promote(ALICE, m, VersionNumber.of(2), Stage.PRODUCTION, WHY, false);
        registry.setAlias(ALICE, m, AliasName.of("a"), VersionNumber.of(1), WHY, false);
        List<Supplier<OperationReport>> dryRuns = List.of(
                () -> registry.createModel(ALICE, uniqueModel("dry-new"), Description.EMPTY, Tags.EMPTY, true),
                () -> registry.updateModel(ALICE, m, new Annotations(Description.of("x"), Map.of(), Set.of()), true),
                () -> registry.deleteModel(ALICE, m, WHY, true),
                () -> registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("s3://b/x"), null, null, null, null, null, null), true),
                () -> registry.updateVersion(ALICE, m, VersionNumber.of(1), new Annotations(null, Map.of("t", "1"), Set.of()), true),
                () -> registry.deleteVersion(ALICE, m, VersionNumber.of(1), WHY, true),
                () -> registry.promote(ALICE, m, VersionNumber.of(1), Stage.STAGING, WHY, true),
                () -> registry.rollback(ALICE, m, Stage.PRODUCTION, WHY, null, true),
                () -> registry.setAlias(ALICE, m, AliasName.of("b"), VersionNumber.of(2), WHY, true),
                () -> registry.deleteAlias(ALICE, m, AliasName.of("a"), WHY, true));
        String before = snapshot().text();
        for (Supplier<OperationReport> dryRun : dryRuns) {
            OperationReport report = dryRun.get();
            assertThat(report.outcome()).isIn(Outcome.PLANNED, Outcome.REFUSED);
            assertThat(report.changes()).isEmpty();
            assertThat(report.summary()).startsWith("Dry run");
            assertThat(snapshot().text()).as(report.plan().operation()).isEqualTo(before);
        }
    }

    @Test
    void missingObjectsAreNotFoundAndChangeNothing() {
        ModelName m = model("missing");
        String before = snapshot().text();
        assertThatThrownBy(() -> registry.promote(ALICE, m, VersionNumber.of(9), Stage.STAGING, WHY, false))
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> registry.deleteAlias(ALICE, m, AliasName.of("nope"), WHY, false))
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> registry.overview(ALICE, ModelName.of("no-such-model-x")))
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(snapshot().text()).isEqualTo(before);
    }

    @Test
    void auditEntriesAreContiguousAndNameTheActor() {
        ModelName m = model("audited");
        register(m, 1);
        registry.promote(Principal.of("bob"), m, VersionNumber.of(1), Stage.STAGING, Reason.of("ready"), false);
        List<AuditEntry> entries = registry.governance().audit(ALICE, new AuditQuery(m, 0, 100));
        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly(AuditAction.MODEL_CREATE, AuditAction.VERSION_REGISTER, AuditAction.STAGE_TRANSITION);
        assertThat(entries.get(2).actor().name()).isEqualTo("bob");
        assertThat(entries.get(2).reason()).isEqualTo("ready");
        assertThat(entries.get(2).after()).containsEntry("stage", "Staging");
        List<AuditEntry> all = registry.governance().audit(ALICE, AuditQuery.all(AuditQuery.MAX_LIMIT));
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).seq()).isEqualTo(i + 1);
        }
    }

    @Test
    void auditEntriesFilterByActorAndAction() {
        ModelName m = model("filtered");
        register(m, 1);
        register(m, 2);
        registry.promote(Principal.of("bob"), m, VersionNumber.of(1), Stage.STAGING, Reason.of("ready"), false);
        assertThat(registry.governance().audit(ALICE, new AuditQuery(m, null, AuditAction.VERSION_REGISTER, 0, 100)))
                .extracting(AuditEntry::action).containsExactly(AuditAction.VERSION_REGISTER, AuditAction.VERSION_REGISTER);
        assertThat(registry.governance().audit(ALICE, new AuditQuery(m, Principal.of("bob"), null, 0, 100)))
                .extracting(AuditEntry::action).containsExactly(AuditAction.STAGE_TRANSITION);
        assertThat(registry.governance().audit(ALICE, new AuditQuery(m, Principal.of("bob"), AuditAction.VERSION_REGISTER, 0, 100))).isEmpty();
        // the cursor and the limit apply after the filters
        List<AuditEntry> registered = registry.governance().audit(ALICE, new AuditQuery(m, null, AuditAction.VERSION_REGISTER, 0, 1));
        assertThat(registered).hasSize(1);
        assertThat(registry.governance().audit(ALICE, new AuditQuery(m, null, AuditAction.VERSION_REGISTER, registered.get(0).seq(), 100)))
                .hasSize(1);
    }

    @Test
    void historyReplaysToTheCurrentStages() {
        ModelName m = model("replay");
        for (int i = 1; i <= 4; i++) {
            register(m, i);
        }
        registry.promote(ALICE, m, VersionNumber.of(1), Stage.STAGING, WHY, false);
        registry.promote(ALICE, m, VersionNumber.of(1), Stage.PRODUCTION, WHY, false);
        registry.promote(ALICE, m, VersionNumber.of(2), Stage.PRODUCTION, WHY, false);
        registry.promote(ALICE, m, VersionNumber.of(3), Stage.STAGING, WHY, false);
        registry.rollback(ALICE, m, Stage.PRODUCTION, WHY, null, false);
        registry.promote(ALICE, m, VersionNumber.of(4), Stage.ARCHIVED, WHY, false);
        RegistryAssertions.historyMatchesStages(registry, m);
    }

    @Test
    void timestampsComeFromTheInjectedClock() {
        Registry fixed = TestRegistries.open(store(), Clock.fixed(Instant.parse("2030-01-02T03:04:05.678Z"), ZoneOffset.UTC),
                SourceRules.noLocalFiles());
        ModelName m = uniqueModel("clock");
        fixed.createModel(ALICE, m, Description.EMPTY, Tags.EMPTY, false);
        assertThat(fixed.model(ALICE, m).createdAt()).isEqualTo(Instant.parse("2030-01-02T03:04:05.678Z"));
    }

    @Test
    void historyIsOrderedAndRecordsCauses() {
        ModelName m = model("causes");
        register(m, 1);
        register(m, 2);
        registry.promote(ALICE, m, VersionNumber.of(1), Stage.PRODUCTION, WHY, false);
        registry.promote(ALICE, m, VersionNumber.of(2), Stage.PRODUCTION, WHY, false);
        List<Transition> history = registry.governance().history(ALICE, m);
        assertThat(history).extracting(t -> t.version().value() + ":" + t.from() + "->" + t.to() + ":" + t.cause())
                .containsExactly("1:None->Production:PROMOTION", "1:Production->Archived:DISPLACED",
                        "2:None->Production:PROMOTION");
    }

    @Test
    void anUpdateBasedOnAStaleReadIsRefusedUnderTheLock() {
        ModelName m = model("cas");
        register(m, 1);
        dev.regent.core.model.Model asRead = registry.model(ALICE, m);
        registry.updateModel(ALICE, m, new Annotations(Description.of("someone else"), Map.of(), Set.of()), false);
        String before = registryState();
        OperationReport stale = registry.updateModel(ALICE, m, new Annotations(Description.of("mine"), Map.of(), Set.of()),
                current -> current.equals(asRead), false);
        assertThat(stale.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(stale.refusalCode()).contains(ErrorCode.STALE_REVISION);
        assertThat(stale.summary()).contains("was changed after you read it");
        assertThat(registryState()).isEqualTo(before);
        ModelVersion versionAsRead = registry.version(ALICE, m, VersionNumber.of(1));
        OperationReport fresh = registry.updateVersion(ALICE, m, VersionNumber.of(1),
                new Annotations(Description.of("v"), Map.of(), Set.of()), current -> current.equals(versionAsRead), false);
        assertThat(fresh.outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void aChannelIsStampedOnEveryEntryItWrites() {
        ModelName m = uniqueModel("via");
        registry.via("mcp:create_model").createModel(ALICE, m, Description.EMPTY, Tags.EMPTY, false);
        registry.via("mcp:register_version").registerVersion(ALICE, new NewVersion(m, SourceUri.of("file:///etc/x"), null, null,
                null, null, null, null), false);
        List<AuditEntry> entries = registry.governance().audit(ALICE, new AuditQuery(m, 0, 10));
        assertThat(entries).extracting(e -> e.after().get("via")).containsExactly("mcp:create_model", "mcp:register_version");
        assertThat(entries.get(1).outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThatThrownBy(() -> registry.via("MCP tool")).isInstanceOf(RegentException.class);
    }
}
