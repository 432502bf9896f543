package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditBounds;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.lifecycle.TransitionCause;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Params;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.StoreConflict;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The storage port's contract, run against every database by a one-line subclass. */
abstract class StoreContractTest extends StoreFixture {
    static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);
    static final Instant T1 = T0.plusSeconds(60);
    static final Principal ALICE = Principal.of("alice@example.com");
    static final Principal BOB = Principal.of("bob");
    static final String TRICKY = "naïve ☃ 模型 🚀 line1\nline2\r\n\ttab \"quoted\" 'single' \\back\\ {\"json\": [1]} ";
    static final int THREADS = 8;
    static final int PER_THREAD = 15;

    // ---- helpers ----

    static Model model(ModelName name) {
        return new Model(name, Description.of("a model"), Tags.EMPTY, ALICE, T0, T0);
    }

    static ModelVersion version(ModelName model, int number) {
        return new ModelVersion(model, VersionNumber.of(number), SourceUri.of("s3://bucket/" + model + "/" + number), null,
                Lineage.NONE, Metrics.EMPTY, Params.EMPTY, Description.EMPTY, Tags.EMPTY, Stage.NONE, ALICE, T0, T0);
    }

    static Digest digest(String seed) {
        return Digest.sha256Of(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** A live model with versions 1..count, registered through the counter as the registry does. */
    ModelName modelWithVersions(String prefix, int count) {
        ModelName name = uniqueModel(prefix);
        store().inTransaction(tx -> {
            tx.insertModel(model(name));
            for (int i = 0; i < count; i++) {
                tx.insertVersion(version(name, tx.nextVersionNumber(name).value()));
            }
            return null;
        });
        return name;
    }

    static void expectNotFound(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(RegentException.class)
                .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    static void expectConflictWithoutSql(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(StoreConflict.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("insert into")
                        .doesNotContainIgnoringCase("update model").doesNotContainIgnoringCase("constraint"));
    }

    // ---- models ----

    @Test
    void modelRoundTripsEveryField() {
        ModelName name = uniqueModel("round");
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("owner", "team ☃");
        tags.put("ключ", TRICKY);
        tags.put("big", "x".repeat(Tags.MAX_VALUE_LENGTH));
        Model m = new Model(name, Description.of(TRICKY), new Tags(tags), ALICE, T0, T1);
        store().inTransaction(tx -> {
            tx.insertModel(m);
            return null;
        });
        var result1 = store().read(tx -> tx.findModel(name));
        assertThat(result1).contains(m);
        var result2 = store().read(tx -> tx.findModel(uniqueModel("absent")));
        assertThat(result2).isEmpty();
    }

    @Test
    void textStoredBeforeTheInputRulesStillLoadsAsStored() {
        // issue 17 refused bidi controls, bare CRs and '..' sources on input; a registry upgraded from before holds
        // such values, and one of them must not make a model, its versions or a search unreadable
        ModelName name = uniqueModel("legacy");
        String deceptive = "safe\u202Etxt.exe then\rOVER";
        Model m = dev.regent.core.text.ReadableText.asStored(() -> new Model(name, Description.of(deceptive),
                Tags.of(Map.of("note", deceptive)), ALICE, T0, T0));
        ModelVersion v = dev.regent.core.text.ReadableText.asStored(() -> new ModelVersion(name, VersionNumber.of(1),
                SourceUri.of("s3://b/..;/x"), null, Lineage.NONE, Metrics.EMPTY, Params.of(Map.of("p", deceptive)),
                Description.of(deceptive), Tags.of(Map.of("t", deceptive)), Stage.NONE, ALICE, T0, T0));
        store().inTransaction(tx -> {
            tx.insertModel(m);
            tx.insertVersion(v);
            return null;
        });
        java.util.Optional<Model> model = store().read(tx -> tx.findModel(name));
        java.util.Optional<ModelVersion> version = store().read(tx -> tx.findVersion(name, VersionNumber.of(1)));
        assertThat(model).contains(m);
        assertThat(version).contains(v);
        // the same text arriving as input is still refused
        assertThatThrownBy(() -> Description.of(deceptive)).hasMessageContaining("U+202E");
        assertThatThrownBy(() -> Tags.of(Map.of("note", deceptive))).hasMessageContaining("U+202E");
        assertThatThrownBy(() -> SourceUri.of("s3://b/..;/x")).hasMessageContaining("'..'");
    }

    @Test
    void dataWritesLeaveTheAccessGenerationAndAccessWritesMoveIt() {
        // sign-ins are cached by the access generation (issue 19): only writes to tokens, principals and grants move it
        long access = store().accessGeneration();
        long data = store().generation();
        ModelName name = modelWithVersions("accessgen", 1);
        assertThat(store().generation()).isGreaterThan(data);
        assertThat(store().accessGeneration()).isEqualTo(access);
        store().inTransaction(tx -> {
            tx.insertPrincipal(new dev.regent.core.access.PrincipalRecord(Principal.of("gen-" + name.value()),
                    dev.regent.core.access.PrincipalKind.USER,
                    List.of(new dev.regent.core.access.Grant(dev.regent.core.access.Role.VIEWER, name)), ALICE, T0));
            return null;
        });
        long afterPrincipal = store().accessGeneration();
        assertThat(afterPrincipal).isGreaterThan(access);
        // a rename moves per-model grants: it is an access write too, though no access method was called
        store().inTransaction(tx -> {
            tx.renameModel(name, ModelName.of(name.value() + "-renamed"), T1);
            return null;
        });
        assertThat(store().accessGeneration()).isGreaterThan(afterPrincipal);
    }

    @Test
    void secondLiveModelOfTheSameNameIsAConflict() {
        ModelName name = uniqueModel("dup");
        store().inTransaction(tx -> {
            tx.insertModel(model(name));
            return null;
        });
        expectConflictWithoutSql(() -> store().inTransaction(tx -> {
            tx.insertModel(model(name));
            return null;
        }));
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.insertModel(model(name));
            return null;
        })).hasMessageContaining(name.value());
    }

    @Test
    void listModelsPagesInNameOrderWithTagsAndWithoutTombstones() {
        String prefix = "zz-list-" + uniqueModel("p").value();
        List<ModelName> names = List.of(ModelName.of(prefix + "-a"), ModelName.of(prefix + "-b.x"), ModelName.of(prefix + "-b_y"),
                ModelName.of(prefix + "-bz"), ModelName.of(prefix + "-c"));
        store().inTransaction(tx -> {
            for (ModelName n : names) {
                tx.insertModel(new Model(n, Description.of("d " + n), Tags.of(Map.of("n", n.value(), "k", "v")), ALICE, T0, T0));
            }
            tx.deleteModel(names.get(2), T1);
            return null;
        });
        List<ModelName> live = names.stream().filter(n -> !n.equals(names.get(2))).toList();
        ModelName beforeAll = ModelName.of(prefix);
        List<Model> first = store().read(tx -> tx.listModels(beforeAll, 2));
        assertThat(first).extracting(Model::name).containsExactly(live.get(0), live.get(1));
        assertThat(first.get(1).tags().values()).containsEntry("n", live.get(1).value()).containsEntry("k", "v");
        List<Model> rest = store().read(tx -> tx.listModels(first.get(1).name(), 10));
        assertThat(rest).extracting(Model::name).startsWith(live.get(2), live.get(3));
        assertThat(rest.get(0)).isEqualTo(new Model(live.get(2), Description.of("d " + live.get(2)),
                Tags.of(Map.of("n", live.get(2).value(), "k", "v")), ALICE, T0, T0));
        List<Model> all = store().read(tx -> tx.listModels(null, 10_000));
        List<String> allNames = all.stream().map(m -> m.name().value()).toList();
        List<String> sorted = new ArrayList<>(allNames);
        Collections.sort(sorted);
        assertThat(allNames).isEqualTo(sorted).doesNotContain(names.get(2).value());
        var result3 = store().read(tx -> tx.listModels(null, 0));
        assertThat(result3).isEmpty();
    }

    @Test
    void updateModelReplacesDescriptionTagsAndUpdateTime() {
        ModelName name = uniqueModel("upd");
        Model original = new Model(name, Description.of("old"), Tags.of(Map.of("a", "1", "b", "2")), ALICE, T0, T0);
        Model changed = original.withAnnotations(Description.of("new\ntext"), Tags.of(Map.of("b", "3", "c", "4")), T1);
        store().inTransaction(tx -> {
            tx.insertModel(original);
            tx.updateModel(changed);
            return null;
        });
        var result4 = store().read(tx -> tx.findModel(name));
        assertThat(result4).contains(changed);
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.updateModel(model(uniqueModel("absent")));
            return null;
        }));
    }

    @Test
    void deletedModelIsHiddenAndItsNameReusable() {
        ModelName name = modelWithVersions("del", 2);
        store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(1), Stage.PRODUCTION, T1);
            tx.setAlias(name, AliasName.of("champion"), VersionNumber.of(1), T1);
            tx.appendTransition(new Transition(0, name, VersionNumber.of(1), Stage.NONE, Stage.PRODUCTION,
                    TransitionCause.PROMOTION, ALICE, "ship", T1));
            tx.deleteModel(name, T1);
            return null;
        });
        store().read(tx -> {
            assertThat(tx.findModel(name)).isEmpty();
            assertThat(tx.findVersion(name, VersionNumber.of(1))).isEmpty();
            assertThat(tx.findVersionIncludingDeleted(name, VersionNumber.of(1))).isEmpty();
            assertThat(tx.listVersions(name, 0, 10)).isEmpty();
            assertThat(tx.aliases(name)).isEmpty();
            assertThat(tx.transitions(name)).isEmpty();
            assertThat(tx.stageHolders(name, Stage.PRODUCTION)).isEmpty();
            return null;
        });
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.deleteModel(name, T1);
            return null;
        }));
        Model reborn = new Model(name, Description.of("second life"), Tags.EMPTY, BOB, T1, T1);
        store().inTransaction(tx -> {
            tx.insertModel(reborn);
            assertThat(tx.nextVersionNumber(name)).isEqualTo(VersionNumber.of(1));
            ModelVersion v = version(name, 1).withStage(Stage.PRODUCTION, T1);
            tx.insertVersion(v);
            return null;
        });
        var result5 = store().read(tx -> tx.findModel(name));
        assertThat(result5).contains(reborn);
        var result6 = store().read(tx -> tx.listVersions(name, 0, 10));
        assertThat(result6).hasSize(1);
    }

    @Test
    void modelExistsSeesOnlyTheLiveModel() {
        ModelName name = modelWithVersions("exists", 0);
        ModelName missing = uniqueModel("exists-missing");
        boolean live = store().read(tx -> tx.modelExists(name));
        boolean never = store().read(tx -> tx.modelExists(missing));
        store().inTransaction(tx -> {
            tx.deleteModel(name, T1);
            return null;
        });
        boolean deleted = store().read(tx -> tx.modelExists(name));
        boolean afterLock = store().inTransaction(tx -> tx.lockModel(name) || tx.modelExists(name));
        assertThat(List.of(live, never, deleted, afterLock)).containsExactly(true, false, false, false);
    }

    @Test
    void lockModelReportsWhetherTheLiveModelExists() {
        ModelName name = modelWithVersions("lock", 0);
        var result7 = store().inTransaction(tx -> tx.lockModel(name));
        assertThat(result7).isTrue();
        var result8 = store().inTransaction(tx -> tx.lockModel(uniqueModel("absent")));
        assertThat(result8).isFalse();
    }

    // ---- versions ----

    @Test
    void nextVersionNumberCountsFromOne() {
        ModelName name = modelWithVersions("next", 0);
        List<Integer> numbers = store().inTransaction(tx -> List.of(tx.nextVersionNumber(name).value(),
                tx.nextVersionNumber(name).value(), tx.nextVersionNumber(name).value()));
        assertThat(numbers).containsExactly(1, 2, 3);
        var result9 = store().inTransaction(tx -> tx.nextVersionNumber(name));
        assertThat(result9).isEqualTo(VersionNumber.of(4));
        expectNotFound(() -> store().inTransaction(tx -> tx.nextVersionNumber(uniqueModel("absent"))));
    }

    @Test
    void versionRoundTripsEveryField() {
        ModelName name = modelWithVersions("ver", 0);
        TreeMap<String, Double> metrics = new TreeMap<>();
        metrics.put("auc", 0.1);
        metrics.put("tiny", 1e-300);
        metrics.put("subnormal", Double.MIN_VALUE);
        metrics.put("huge", Double.MAX_VALUE);
        metrics.put("neg", -123456.789e10);
        metrics.put("zero", 0.0);
        metrics.put("negative-zero", -0.0);
        metrics.put("third", 1.0 / 3);
        metrics.put("μ-score", 0.30000000000000004);
        TreeMap<String, String> params = new TreeMap<>();
        params.put("lr", "0.001");
        params.put("text", TRICKY);
        params.put("long", "p".repeat(Params.MAX_VALUE_LENGTH));
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("note", TRICKY);
        tags.put("big", "y".repeat(Tags.MAX_VALUE_LENGTH));
        ModelVersion full = new ModelVersion(name, VersionNumber.of(1), SourceUri.of("s3://bucket/模型/a%20b?x=1#frag"),
                digest("full"), new Lineage("run-☃-1", "dataset v2 — final", "git:abc123"), new Metrics(metrics),
                new Params(params), Description.of(TRICKY), new Tags(tags), Stage.STAGING, BOB, T0, T1);
        ModelVersion bare = version(name, 2);
        store().inTransaction(tx -> {
            tx.insertVersion(full);
            tx.insertVersion(bare);
            return null;
        });
        var result10 = store().read(tx -> tx.findVersion(name, VersionNumber.of(1)));
        assertThat(result10).contains(full);
        var result11 = store().read(tx -> tx.findVersion(name, VersionNumber.of(2)));
        assertThat(result11).contains(bare);
        ModelVersion read = store().read(tx -> tx.findVersion(name, VersionNumber.of(1))).orElseThrow();
        metrics.forEach((k, v) -> assertThat(Double.doubleToRawLongBits(read.metrics().values().get(k)))
                .as(k).isEqualTo(Double.doubleToRawLongBits(v)));
        var result12 = store().read(tx -> tx.findVersion(name, VersionNumber.of(3)));
        assertThat(result12).isEmpty();
        var result13 = store().read(tx -> tx.findVersion(uniqueModel("absent"), VersionNumber.of(1)));
        assertThat(result13).isEmpty();
    }

    @Test
    void duplicateVersionIsAConflictAndVersionOfMissingModelNotFound() {
        ModelName name = modelWithVersions("vdup", 1);
        expectConflictWithoutSql(() -> store().inTransaction(tx -> {
            tx.insertVersion(version(name, 1));
            return null;
        }));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.insertVersion(version(uniqueModel("absent"), 1));
            return null;
        }));
    }

    @Test
    void listVersionsPagesInNumberOrderWithoutTombstones() {
        ModelName name = uniqueModel("vlist");
        store().inTransaction(tx -> {
            tx.insertModel(model(name));
            for (int i = 1; i <= 12; i++) {
                ModelVersion v = version(name, tx.nextVersionNumber(name).value());
                tx.insertVersion(new ModelVersion(name, v.number(), v.source(), null, v.lineage(),
                        Metrics.of(Map.of("i", (double) i)), Params.of(Map.of("p", "v" + i)), v.description(),
                        Tags.of(Map.of("t", "v" + i)), Stage.NONE, ALICE, T0, T0));
            }
            tx.deleteVersion(name, VersionNumber.of(3), T1);
            return null;
        });
        List<ModelVersion> first = store().read(tx -> tx.listVersions(name, 0, 5));
        assertThat(first).extracting(v -> v.number().value()).containsExactly(1, 2, 4, 5, 6);
        assertThat(first.get(2).metrics().values()).containsEntry("i", 4.0);
        assertThat(first.get(2).params().values()).containsEntry("p", "v4");
        assertThat(first.get(2).tags().values()).containsEntry("t", "v4");
        List<ModelVersion> next = store().read(tx -> tx.listVersions(name, 6, 5));
        assertThat(next).extracting(v -> v.number().value()).containsExactly(7, 8, 9, 10, 11);
        assertThat(next).allSatisfy(v -> assertThat(v.tags().values()).containsEntry("t", "v" + v.number()));
        var result14 = store().read(tx -> tx.listVersions(name, 11, 5));
        assertThat(result14).extracting(v -> v.number().value()).containsExactly(12);
        var result15 = store().read(tx -> tx.listVersions(uniqueModel("absent"), 0, 5));
        assertThat(result15).isEmpty();
    }

    @Test
    void findVersionByDigestFindsTheLiveVersion() {
        ModelName name = modelWithVersions("dig", 0);
        Digest d = digest(name.value());
        store().inTransaction(tx -> {
            ModelVersion v = version(name, 1);
            tx.insertVersion(new ModelVersion(name, v.number(), v.source(), d, v.lineage(), v.metrics(), v.params(),
                    v.description(), v.tags(), v.stage(), ALICE, T0, T0));
            tx.insertVersion(version(name, 2));
            return null;
        });
        var result16 = store().read(tx -> tx.findVersionByDigest(name, d));
        assertThat(result16).map(v -> v.number().value()).contains(1);
        var result17 = store().read(tx -> tx.findVersionByDigest(name, digest("other")));
        assertThat(result17).isEmpty();
        store().inTransaction(tx -> {
            tx.deleteVersion(name, VersionNumber.of(1), T1);
            return null;
        });
        var result18 = store().read(tx -> tx.findVersionByDigest(name, d));
        assertThat(result18).isEmpty();
    }

    @Test
    void updateVersionAnnotationsReplacesDescriptionTagsAndTime() {
        ModelName name = modelWithVersions("vann", 1);
        Tags tags = Tags.of(Map.of("k", TRICKY));
        store().inTransaction(tx -> {
            tx.updateVersionAnnotations(name, VersionNumber.of(1), Description.of("now documented"), tags, T1);
            return null;
        });
        ModelVersion v = store().read(tx -> tx.findVersion(name, VersionNumber.of(1))).orElseThrow();
        assertThat(v).isEqualTo(version(name, 1).withAnnotations(Description.of("now documented"), tags, T1));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.updateVersionAnnotations(name, VersionNumber.of(9), Description.EMPTY, Tags.EMPTY, T1);
            return null;
        }));
    }

    @Test
    void exclusiveStagesAreHeldByTheDatabase() {
        ModelName name = modelWithVersions("stage", 4);
        store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(1), Stage.PRODUCTION, T1);
            tx.setStage(name, VersionNumber.of(2), Stage.STAGING, T1);
            tx.setStage(name, VersionNumber.of(3), Stage.ARCHIVED, T1);
            tx.setStage(name, VersionNumber.of(4), Stage.ARCHIVED, T1);
            return null;
        });
        expectConflictWithoutSql(() -> store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(2), Stage.PRODUCTION, T1);
            return null;
        }));
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(2), Stage.PRODUCTION, T1);
            return null;
        })).hasMessageContaining("Production").hasMessageContaining(name.value());
        store().read(tx -> {
            assertThat(tx.stageHolders(name, Stage.PRODUCTION)).extracting(v -> v.number().value()).containsExactly(1);
            assertThat(tx.stageHolders(name, Stage.STAGING)).extracting(v -> v.number().value()).containsExactly(2);
            assertThat(tx.stageHolders(name, Stage.ARCHIVED)).extracting(v -> v.number().value()).containsExactly(3, 4);
            assertThat(tx.stageHolders(name, Stage.NONE)).isEmpty();
            assertThat(tx.findVersion(name, VersionNumber.of(1)).orElseThrow().updatedAt()).isEqualTo(T1);
            return null;
        });
        // The swap the registry does: displace the holder, then promote, in one transaction.
        store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(1), Stage.ARCHIVED, T1);
            tx.setStage(name, VersionNumber.of(2), Stage.PRODUCTION, T1);
            return null;
        });
        var result19 = store().read(tx -> tx.stageHolders(name, Stage.PRODUCTION));
        assertThat(result19).extracting(v -> v.number().value())
                .containsExactly(2);
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(99), Stage.ARCHIVED, T1);
            return null;
        }));
    }

    @Test
    void aConflictEndsItsTransactionAlikeOnEveryDatabaseAndTheNextOneGoesOn() {
        // PostgreSQL aborts a transaction at a refused statement, SQLite would go on: the store makes both refuse to
        // go on, so code that catches a conflict inside a transaction fails in every test, and nothing of it commits
        ModelName name = modelWithVersions("usable", 2);
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(1), Stage.PRODUCTION, T1);
            assertThatThrownBy(() -> tx.setStage(name, VersionNumber.of(2), Stage.PRODUCTION, T1))
                    .isInstanceOf(StoreConflict.class);
            tx.setStage(name, VersionNumber.of(2), Stage.STAGING, T1);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("catch the conflict outside the transaction");
        var staging = store().read(tx -> tx.stageHolders(name, Stage.STAGING));
        assertThat(staging).isEmpty();
        var production = store().read(tx -> tx.stageHolders(name, Stage.PRODUCTION));
        assertThat(production).as("nothing of the ended transaction committed").isEmpty();
        // a work that swallows the conflict and returns normally does not commit either
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(1), Stage.PRODUCTION, T1);
            try {
                tx.insertModel(model(name));
            } catch (StoreConflict swallowed) {
                // wrong, and refused
            }
            return null;
        })).isInstanceOf(IllegalStateException.class);
        var stillNone = store().read(tx -> tx.stageHolders(name, Stage.PRODUCTION));
        assertThat(stillNone).isEmpty();
        store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(1), Stage.PRODUCTION, T1);
            return null;
        });
        var afterwards = store().read(tx -> tx.stageHolders(name, Stage.PRODUCTION));
        assertThat(afterwards).hasSize(1);
    }

    @Test
    void deletedVersionIsATombstone() {
        ModelName name = modelWithVersions("vdel", 2);
        store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(1), Stage.PRODUCTION, T1);
            tx.appendTransition(new Transition(0, name, VersionNumber.of(1), Stage.NONE, Stage.PRODUCTION,
                    TransitionCause.PROMOTION, ALICE, "ship", T1));
            tx.setAlias(name, AliasName.of("champion"), VersionNumber.of(1), T1);
            tx.setAlias(name, AliasName.of("other"), VersionNumber.of(2), T1);
            tx.deleteVersion(name, VersionNumber.of(1), T1);
            return null;
        });
        store().read(tx -> {
            assertThat(tx.findVersion(name, VersionNumber.of(1))).isEmpty();
            ModelVersion tomb = tx.findVersionIncludingDeleted(name, VersionNumber.of(1)).orElseThrow();
            assertThat(tomb.stage()).isEqualTo(Stage.PRODUCTION);
            assertThat(tx.stageHolders(name, Stage.PRODUCTION)).isEmpty();
            assertThat(tx.listVersions(name, 0, 10)).extracting(v -> v.number().value()).containsExactly(2);
            assertThat(tx.aliases(name)).containsOnlyKeys(AliasName.of("other"));
            assertThat(tx.transitions(name)).extracting(t -> t.version().value()).containsExactly(1);
            return null;
        });
        // The freed Production slot can be taken; the deleted version cannot come back to life through writes.
        store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(2), Stage.PRODUCTION, T1);
            return null;
        });
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.setStage(name, VersionNumber.of(1), Stage.ARCHIVED, T1);
            return null;
        }));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.deleteVersion(name, VersionNumber.of(1), T1);
            return null;
        }));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.setAlias(name, AliasName.of("champion"), VersionNumber.of(1), T1);
            return null;
        }));
    }

    @Test
    void theLiveVersionSummaryFollowsEveryWayARowChangesWithoutCountingRows() throws SQLException {
        ModelName name = modelWithVersions("vsum", 3);
        assertThat(summary(name)).isEqualTo(new dev.regent.core.store.VersionSummary(3, 3));
        store().inTransaction(tx -> {
            tx.deleteVersion(name, VersionNumber.of(3), T1); // the highest: the highest live number falls back to 2
            return null;
        });
        assertThat(summary(name)).isEqualTo(new dev.regent.core.store.VersionSummary(2, 2));
        store().inTransaction(tx -> {
            tx.insertVersion(version(name, tx.nextVersionNumber(name).value()));
            tx.deleteVersion(name, VersionNumber.of(1), T1);
            return null;
        });
        assertThat(summary(name)).isEqualTo(new dev.regent.core.store.VersionSummary(2, 4));
        // The count is the database's own (triggers): rows changed by any statement, not only the store's, move it,
        // so it can still tell a change that lost versions. A revived tombstone and a physically removed row:
        try (Connection c = database().connect(); Statement s = c.createStatement()) {
            long id = modelId(s, name);
            s.executeUpdate("UPDATE model_versions SET deleted_at = NULL WHERE model_id = " + id + " AND number = 1");
            assertThat(liveCounts(s, id)).containsExactly(3, 3);
            s.executeUpdate("DELETE FROM model_versions WHERE model_id = " + id + " AND number = 2");
            assertThat(liveCounts(s, id)).containsExactly(2, 2);
        }
        assertThat(summary(name)).isEqualTo(new dev.regent.core.store.VersionSummary(2, 4));
        ModelName empty = modelWithVersions("vsum0", 0);
        assertThat(summary(empty)).isEqualTo(dev.regent.core.store.VersionSummary.NONE);
        assertThat(summary(uniqueModel("vsum-missing")))
                .isEqualTo(dev.regent.core.store.VersionSummary.NONE);
    }

    private dev.regent.core.store.VersionSummary summary(ModelName name) {
        return store().read(tx -> tx.versionSummary(name));
    }

    private static long modelId(Statement s, ModelName name) throws SQLException {
        try (var rs = s.executeQuery("SELECT id FROM models WHERE deleted_at IS NULL AND name = '" + name + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The kept count and the rows counted, for one model. */
    private static List<Integer> liveCounts(Statement s, long id) throws SQLException {
        try (var rs = s.executeQuery("SELECT live_versions, (SELECT COUNT(*) FROM model_versions v WHERE v.model_id = m.id "
                + "AND v.deleted_at IS NULL) FROM models m WHERE m.id = " + id)) {
            rs.next();
            return List.of(rs.getInt(1), rs.getInt(2));
        }
    }

    // ---- transitions ----

    @Test
    void transitionsComeBackInTheOrderTheyHappened() {
        ModelName name = modelWithVersions("hist", 3);
        List<Transition> appended = List.of(
                new Transition(0, name, VersionNumber.of(1), Stage.NONE, Stage.PRODUCTION, TransitionCause.PROMOTION, ALICE,
                        TRICKY, T0),
                new Transition(0, name, VersionNumber.of(1), Stage.PRODUCTION, Stage.ARCHIVED, TransitionCause.DISPLACED, BOB,
                        "", T0),
                new Transition(0, name, VersionNumber.of(3), Stage.NONE, Stage.PRODUCTION, TransitionCause.PROMOTION, BOB,
                        "r", T0),
                new Transition(0, name, VersionNumber.of(3), Stage.PRODUCTION, Stage.ARCHIVED, TransitionCause.ROLLED_BACK,
                        ALICE, "bad", T1),
                new Transition(0, name, VersionNumber.of(1), Stage.ARCHIVED, Stage.PRODUCTION, TransitionCause.ROLLBACK,
                        ALICE, "bad", T1));
        store().inTransaction(tx -> {
            appended.subList(0, 3).forEach(tx::appendTransition);
            return null;
        });
        store().inTransaction(tx -> {
            appended.subList(3, 5).forEach(tx::appendTransition);
            return null;
        });
        List<Transition> read = store().read(tx -> tx.transitions(name));
        assertThat(read).extracting(Transition::id).isSorted().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
        assertThat(read).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id").containsExactlyElementsOf(appended);
        expectConflictWithoutSql(() -> store().inTransaction(tx -> {
            tx.appendTransition(new Transition(0, name, VersionNumber.of(42), Stage.NONE, Stage.STAGING,
                    TransitionCause.PROMOTION, ALICE, "", T0));
            return null;
        }));
        var result22 = store().read(tx -> tx.transitions(uniqueModel("absent")));
        assertThat(result22).isEmpty();
    }

    // ---- aliases ----

    @Test
    void aliasesAreCreatedMovedListedAndDeleted() {
        ModelName name = modelWithVersions("alias", 3);
        AliasName champion = AliasName.of("champion");
        AliasName beta = AliasName.of("beta");
        store().inTransaction(tx -> {
            tx.setAlias(name, champion, VersionNumber.of(1), T0);
            tx.setAlias(name, beta, VersionNumber.of(2), T0);
            return null;
        });
        var result23 = store().read(tx -> tx.aliases(name));
        assertThat(result23).containsExactly(
                Map.entry(beta, VersionNumber.of(2)), Map.entry(champion, VersionNumber.of(1)));
        store().inTransaction(tx -> {
            tx.setAlias(name, champion, VersionNumber.of(3), T1);
            return null;
        });
        var result24 = store().read(tx -> tx.aliases(name));
        assertThat(result24).containsEntry(champion, VersionNumber.of(3));
        var result25 = store().inTransaction(tx -> tx.deleteAlias(name, beta));
        assertThat(result25).isTrue();
        var result26 = store().inTransaction(tx -> tx.deleteAlias(name, beta));
        assertThat(result26).isFalse();
        var result27 = store().inTransaction(tx -> tx.deleteAlias(uniqueModel("absent"), beta));
        assertThat(result27).isFalse();
        var result28 = store().read(tx -> tx.aliases(name));
        assertThat(result28).containsOnlyKeys(champion);
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.setAlias(name, beta, VersionNumber.of(7), T1);
            return null;
        }));
        expectNotFound(() -> store().inTransaction(tx -> {
            tx.setAlias(uniqueModel("absent"), beta, VersionNumber.of(1), T1);
            return null;
        }));
    }

    // ---- audit ----

    @Test
    void auditEntriesRoundTripAndFilterByModel() {
        ModelName a = uniqueModel("audit-a");
        ModelName b = uniqueModel("audit-b");
        TreeMap<String, String> before = new TreeMap<>(Map.of("stage", "None", "note", TRICKY, "empty", ""));
        TreeMap<String, String> after = new TreeMap<>(Map.of("stage", "Production", "big", "z".repeat(10_000)));
        List<AuditEntry> drafts = List.of(
                AuditEntry.draft(T0, ALICE, AuditAction.MODEL_CREATE, AuditTarget.model(a), AuditOutcome.APPLIED, "", null, null),
                AuditEntry.draft(T0, BOB, AuditAction.STAGE_TRANSITION, AuditTarget.version(a, VersionNumber.of(3)),
                        AuditOutcome.REFUSED, TRICKY, before, after).withEvidence(List.of("sha256:b", "sha256:a", "sha256:b")),
                AuditEntry.draft(T1, ALICE, AuditAction.ALIAS_SET, AuditTarget.alias(b, AliasName.of("x")), AuditOutcome.APPLIED,
                        "r", null, after),
                AuditEntry.draft(T1, ALICE, AuditAction.STAGE_ROLLBACK, AuditTarget.stage(a, Stage.PRODUCTION),
                        AuditOutcome.APPLIED, "r", before, null));
        List<AuditEntry> written = store().inTransaction(tx -> drafts.stream().map(tx::appendAudit).toList());
        assertThat(written).extracting(AuditEntry::seq).isSorted().doesNotHaveDuplicates();
        for (int i = 0; i < drafts.size(); i++) {
            // within bounds an entry is recorded as given; a value over AuditBounds.MAX_VALUE_BYTES becomes its digest
            assertThat(written.get(i)).isEqualTo(AuditBounds.fit(drafts.get(i).withSeq(written.get(i).seq())));
        }
        assertThat(written.get(0)).isEqualTo(drafts.get(0).withSeq(written.get(0).seq()));
        assertThat(written.get(1).after().get("big")).startsWith("[elided: 10000 bytes, sha256:");
        long first = written.get(0).seq();
        assertThat(written.get(3).seq()).isEqualTo(first + 3);
        List<AuditEntry> all = store().read(tx -> tx.auditEntries(new AuditQuery(null, first - 1, 4)));
        assertThat(all).isEqualTo(written);
        List<AuditEntry> ofA = store().read(tx -> tx.auditEntries(new AuditQuery(a, 0, 100)));
        assertThat(ofA).containsExactly(written.get(0), written.get(1), written.get(3));
        var result29 = store().read(tx -> tx.auditEntries(new AuditQuery(a, written.get(0).seq(), 1)));
        assertThat(result29)
                .containsExactly(written.get(1));
        var result30 = store().read(tx -> tx.auditEntries(new AuditQuery(b, 0, 100)));
        assertThat(result30).containsExactly(written.get(2));
        var result31 = store().read(tx -> tx.auditEntries(new AuditQuery(uniqueModel("none"), 0, 100)));
        assertThat(result31).isEmpty();
        // newest first: the newest page, then the one below it, with the filters still applied
        List<AuditEntry> newest = store().read(tx -> tx.auditEntries(AuditQuery.newestFirst(a, null, null, Long.MAX_VALUE, 2)));
        assertThat(newest).containsExactly(written.get(3), written.get(1));
        List<AuditEntry> older = store().read(tx -> tx.auditEntries(AuditQuery.newestFirst(a, null, null, written.get(1).seq(), 2)));
        assertThat(older).containsExactly(written.get(0));
    }

    @Test
    void auditLogRefusesUpdatesAndDeletesFromAnyone() throws SQLException {
        store().inTransaction(tx -> tx.appendAudit(AuditEntry.draft(T0, ALICE, AuditAction.MODEL_CREATE, "tamper",
                AuditOutcome.APPLIED, "", null, null)));
        DatabaseSnapshot before = snapshot();
        try (Connection c = database().connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET reason = 'edited'")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_entries SET entry = entry")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_entries")).isInstanceOf(SQLException.class);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- transactions ----

    @Test
    void aThrowingTransactionLeavesNothingBehind() {
        ModelName existing = modelWithVersions("rb", 2);
        DatabaseSnapshot before = snapshot();
        RuntimeException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            ModelName fresh = uniqueModel("rb-new");
            tx.insertModel(new Model(fresh, Description.of("d"), Tags.of(Map.of("k", "v")), ALICE, T0, T0));
            tx.insertVersion(version(fresh, tx.nextVersionNumber(fresh).value()));
            tx.nextVersionNumber(existing);
            tx.setStage(existing, VersionNumber.of(1), Stage.PRODUCTION, T1);
            tx.setAlias(existing, AliasName.of("champion"), VersionNumber.of(2), T1);
            tx.appendTransition(new Transition(0, existing, VersionNumber.of(1), Stage.NONE, Stage.PRODUCTION,
                    TransitionCause.PROMOTION, ALICE, "r", T1));
            tx.updateModel(model(existing).withAnnotations(Description.of("changed"), Tags.of(Map.of("a", "b")), T1));
            tx.deleteVersion(existing, VersionNumber.of(2), T1);
            tx.appendAudit(AuditEntry.draft(T1, ALICE, AuditAction.STAGE_TRANSITION, AuditTarget.model(existing),
                    AuditOutcome.APPLIED, "r", new TreeMap<>(Map.of("a", "b")), null).withEvidence(List.of("e")));
            throw boom;
        })).isSameAs(boom);
        assertThat(snapshot()).isEqualTo(before);
        // The audit counter was rolled back too: the next entry takes the number the failed one had.
        long next = store().inTransaction(tx -> tx.appendAudit(AuditEntry.draft(T1, ALICE, AuditAction.MODEL_UPDATE,
                "rb-check", AuditOutcome.APPLIED, "", null, null)).seq());
        List<AuditEntry> log = store().read(tx -> tx.auditEntries(AuditQuery.all(AuditQuery.MAX_LIMIT)));
        assertThat(next).isEqualTo(log.size());
    }

    @Test
    void readRefusesWritesAndChangesNothing() {
        DatabaseSnapshot before = snapshot();
        ModelName name = uniqueModel("ro");
        assertThatThrownBy(() -> store().read(tx -> {
            tx.insertModel(model(name));
            return null;
        })).isInstanceOf(RegentException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> store().read(tx -> tx.appendAudit(AuditEntry.draft(T0, ALICE, AuditAction.MODEL_CREATE,
                "ro", AuditOutcome.APPLIED, "", null, null)))).isInstanceOf(RegentException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void transactionsReturnTheirValueAndRefuseNesting() {
        var result32 = store().inTransaction(tx -> "done");
        assertThat(result32).isEqualTo("done");
        var result33 = store().read(tx -> 42);
        assertThat(result33).isEqualTo(42);
        assertThatThrownBy(() -> store().inTransaction(tx -> store().read(inner -> 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        var result34 = store().inTransaction(tx -> "still works");
        assertThat(result34).isEqualTo("still works");
    }

    @Test
    void aReopenedStoreSeesCommittedDataAndDescribesItself() {
        ModelName name = modelWithVersions("reopen", 1);
        try (RegistryStore again = openStore()) {
            var found = again.read(tx -> tx.findVersion(name, VersionNumber.of(1)));
            assertThat(found).isPresent();
            assertThat(again.describe()).isEqualTo(store().describe());
        }
        var result35 = store().describe();
        assertThat(result35).matches("(SQLite /.*regent\\.db|PostgreSQL [^?@]+)")
                .doesNotContainIgnoringCase("password").doesNotContain("user=");
    }

    @Test
    void aTransactionTheDatabaseAbortedIsRunAgainFromTheStart() {
        ModelName name = uniqueModel("retry");
        boolean sqlite = store().describe().startsWith("SQLite");
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        store().inTransaction(tx -> {
            tx.insertModel(model(name));
            if (attempts.incrementAndGet() < 3) {
                SQLException aborted = sqlite
                        ? new org.sqlite.SQLiteException("database is locked", org.sqlite.SQLiteErrorCode.SQLITE_BUSY)
                        : new SQLException("could not serialize access", "40001");
                throw new dev.regent.core.store.StoreFailure("simulated abort", aborted);
            }
            return null;
        });
        assertThat(attempts).hasValue(3);
        var models = store().read(tx -> tx.findModel(name));
        assertThat(models).isPresent();
        // Failures that a rerun cannot fix are not retried.
        attempts.set(0);
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            attempts.incrementAndGet();
            throw new dev.regent.core.store.StoreFailure("disk on fire", new SQLException("io", "58030"));
        })).hasMessage("disk on fire");
        assertThat(attempts).hasValue(1);
    }

    // ---- concurrency ----

    @Test
    void concurrentWritersGetEveryVersionNumberExactlyOnce() throws Exception {
        ModelName name = modelWithVersions("conc", 0);
        List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(() -> {
            for (int i = 0; i < PER_THREAD; i++) {
                numbers.add(store().inTransaction(tx -> {
                    tx.lockModel(name);
                    VersionNumber n = tx.nextVersionNumber(name);
                    tx.insertVersion(version(name, n.value()));
                    return n.value();
                }));
            }
            return null;
        });
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, THREADS * PER_THREAD).boxed().toList());
        var result36 = store().read(tx -> tx.listVersions(name, 0, 1000));
        assertThat(result36).hasSize(THREADS * PER_THREAD);
    }

    @Test
    void concurrentAuditWritersGetAContiguousSequence() throws Exception {
        List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(() -> {
            for (int i = 0; i < PER_THREAD; i++) {
                seqs.add(store().inTransaction(tx -> tx.appendAudit(AuditEntry.draft(T0, ALICE, AuditAction.MODEL_UPDATE,
                        "conc-audit", AuditOutcome.APPLIED, Thread.currentThread().getName(), null, null)).seq()));
            }
            return null;
        });
        assertThat(seqs).doesNotHaveDuplicates().hasSize(THREADS * PER_THREAD);
        List<AuditEntry> log = store().read(tx -> tx.auditEntries(AuditQuery.all(AuditQuery.MAX_LIMIT)));
        assertThat(log).extracting(AuditEntry::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, log.size()).boxed().toList());
    }

    private static void runConcurrently(Callable<Void> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(task));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- what one transaction remembers of the models it resolved (ModelRows' ids) ----

    @Test
    void aModelDeletedOrRenamedAndRecreatedInOneTransactionResolvesToTheNewRow() {
        ModelName a = uniqueModel("memo-a");
        ModelName b = uniqueModel("memo-b");
        ModelName c = uniqueModel("memo-c");
        store().inTransaction(tx -> {
            tx.insertModel(model(a));
            assertThat(tx.lockModel(a)).isTrue(); // resolved (and remembered) before it goes away
            tx.insertVersion(version(a, tx.nextVersionNumber(a).value()));
            tx.renameModel(a, b, T1);
            tx.insertModel(model(a)); // a new row under the old name
            tx.insertVersion(version(a, tx.nextVersionNumber(a).value()));
            tx.insertVersion(version(a, tx.nextVersionNumber(a).value()));

            tx.insertModel(model(c));
            tx.insertVersion(version(c, tx.nextVersionNumber(c).value()));
            tx.deleteModel(c, T1);
            expectNotFound(() -> tx.insertVersion(version(c, 2)));
            return null;
        });
        store().read(tx -> {
            assertThat(tx.listVersions(b, 0, 10)).extracting(v -> v.number().value()).containsExactly(1);
            assertThat(tx.listVersions(a, 0, 10)).extracting(v -> v.number().value()).containsExactly(1, 2);
            assertThat(tx.findModel(c)).isEmpty();
            return null;
        });
        store().inTransaction(tx -> {
            tx.insertModel(model(c)); // the name is free again: a new model, numbered from 1
            tx.insertVersion(version(c, tx.nextVersionNumber(c).value()));
            return null;
        });
        List<ModelVersion> recreated = store().read(tx -> tx.listVersions(c, 0, 10));
        assertThat(recreated).extracting(v -> v.number().value()).containsExactly(1);
    }

    @Test
    void aReadTransactionIsOneSnapshotWhileWritersCommit() throws Exception {
        ModelName name = modelWithVersions("snapshot", 1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            List<Integer> seen = store().read(tx -> {
                List<Integer> counts = new ArrayList<>();
                counts.add(tx.listVersions(name, 0, 100).size());
                try {
                    writer.submit(() -> store().inTransaction(w -> {
                        w.insertVersion(version(name, w.nextVersionNumber(name).value()));
                        return null;
                    })).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                counts.add(tx.listVersions(name, 0, 100).size());
                return counts;
            });
            assertThat(seen).containsExactly(1, 1);
            List<ModelVersion> after = store().read(tx -> tx.listVersions(name, 0, 100));
            assertThat(after).hasSize(2);
        } finally {
            writer.shutdownNow();
        }
    }
}
