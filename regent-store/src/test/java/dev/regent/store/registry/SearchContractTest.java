package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SearchFacet;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.Outcome;
import dev.regent.core.search.Field;
import dev.regent.core.search.Found;
import dev.regent.core.search.Match;
import dev.regent.core.search.Predicate;
import dev.regent.core.search.SearchQuery;
import dev.regent.core.search.Sort;
import dev.regent.store.StoreFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Searches evaluated by the database: every predicate kind, the orders with their tie-breaks, windows, live state
 * and read authorization. One suite, on SQLite always and on PostgreSQL when configured.
 */
abstract class SearchContractTest extends StoreFixture {
    Registry registry;
    String base;
    ModelName alpha;
    ModelName beta;

    @BeforeEach
    void world() {
        if (registry == null) {
            registry = TestRegistries.open(store(), new SteppingClock(java.time.Instant.now()),
                    SourceRules.noLocalFiles());
        }
        base = uniqueModel("srch").value();
        alpha = create(base + "-alpha", Map.of("team", "risk", "tier", "Gold"));
        beta = create(base + "-beta", Map.of("team", "ops"));
        register(alpha, "s3://b/a/1", "r1", Map.of("stage", "dev"));
        register(alpha, "s3://b/a/2", "r2", Map.of("note", "50%_off", "odd", "x\\y"));
        register(alpha, "s3://b/a/3", null, Map.of("weird", "a*b?[c]"));
        register(beta, "s3://X/b/1", "r1", Map.of("weird", "aab?c"));
        register(beta, "s3://X/b/2", "r9", Map.of());
        assertThat(registry.deleteVersion(ALICE, beta, VersionNumber.of(2), Reason.of("test"), false).outcome())
                .isEqualTo(Outcome.APPLIED);
        ModelName gone = create(base + "-gone", Map.of("team", "risk"));
        register(gone, "s3://b/gone/1", "r1", Map.of());
        assertThat(registry.deleteModel(ALICE, gone, Reason.of("test"), false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    ModelName create(String name, Map<String, String> tags) {
        ModelName m = ModelName.of(name);
        assertThat(registry.createModel(ALICE, m, Description.EMPTY, Tags.of(tags), false).outcome()).isEqualTo(Outcome.APPLIED);
        return m;
    }

    void register(ModelName model, String source, String runId, Map<String, String> tags) {
        assertThat(registry.registerVersion(ALICE, new NewVersion(model, SourceUri.of(source), null,
                new Lineage(runId, null, null), null, null, null, Tags.of(tags)), false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    /** This test's models only, whatever other tests left in the database. */
    Predicate mine() {
        return Predicate.attribute(Field.NAME, Match.LIKE, base + "-%");
    }

    List<String> models(Predicate... predicates) {
        return models(List.of(), predicates);
    }

    List<String> models(List<Sort> order, Predicate... predicates) {
        List<Predicate> all = new ArrayList<>(List.of(predicates));
        all.add(mine());
        return registry.search().searchModels(ALICE, new SearchQuery(all, order), 0, 100).items().stream()
                .map(m -> m.name().value().substring(base.length() + 1)).toList();
    }

    List<String> versions(Predicate... predicates) {
        return versions(ALICE, List.of(), predicates);
    }

    List<String> versions(Principal actor, List<Sort> order, Predicate... predicates) {
        List<Predicate> all = new ArrayList<>(List.of(predicates));
        all.add(mine());
        return label(registry.search().searchVersions(actor, new SearchQuery(all, order), 0, 100).items());
    }

    List<String> label(List<ModelVersion> versions) {
        return versions.stream().map(v -> v.model().value().substring(base.length() + 1) + "/" + v.number()).toList();
    }

    static Predicate attr(Field f, Match m, String... values) {
        return Predicate.attribute(f, m, values);
    }

    static Predicate tag(String key, Match m, String value) {
        return Predicate.tag(key, m, value);
    }

    @Test
    void stagesFilterVersionsAndTheModelsHoldingThem() {
        assertThat(registry.promote(ALICE, alpha, VersionNumber.of(2), dev.regent.core.model.Stage.STAGING, Reason.of("test"), false)
                .outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(versions(attr(Field.STAGE, Match.EQ, "Staging"))).containsExactly("alpha/2");
        assertThat(versions(attr(Field.STAGE, Match.EQ, "None"))).containsExactly("alpha/3", "alpha/1", "beta/1");
        assertThat(models(attr(Field.STAGE, Match.EQ, "Staging"))).containsExactly("alpha");
        assertThat(models(attr(Field.STAGE, Match.EQ, "Production"))).isEmpty();
        // beta's deleted version 2 never counts, whatever stage it held
        assertThat(models(attr(Field.STAGE, Match.EQ, "None"))).containsExactly("alpha", "beta");
    }

    @Test
    void anUnfilteredTimestampOrderWalksItsIndexAndAgreesWithTheFilteredOne() {
        // SQLite names the timestamp's index for an unfiltered listing; the answer must not change, page by page
        for (Sort.Key key : List.of(Sort.Key.CREATED_AT, Sort.Key.UPDATED_AT)) {
            for (boolean ascending : new boolean[] {true, false}) {
                List<Sort> order = List.of(new Sort(key, ascending));
                List<String> unfiltered = all(registry.search().searchVersions(ALICE, new SearchQuery(List.of(), order), 0, 10_000).items());
                List<String> filtered = all(registry.search().searchVersions(ALICE,
                        new SearchQuery(List.of(attr(Field.NAME, Match.LIKE, "%")), order), 0, 10_000).items());
                assertThat(unfiltered).isNotEmpty().isEqualTo(filtered);
                List<String> paged = new ArrayList<>();
                for (int offset = 0; offset < unfiltered.size(); offset += 7) {
                    paged.addAll(all(registry.search().searchVersions(ALICE, new SearchQuery(List.of(), order), offset, 7).items()));
                }
                assertThat(paged).isEqualTo(unfiltered);
            }
        }
    }

    static List<String> all(List<ModelVersion> versions) {
        return versions.stream().map(v -> v.model() + "/" + v.number()).toList();
    }

    @Test
    void aSearchedVersionCarriesItsTagsMetricsAndParamsAsAReadDoes() {
        ModelName m = create(base + "-rich", Map.of());
        for (int i = 1; i <= 3; i++) {
            assertThat(registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("s3://b/rich/" + i), null, null,
                    dev.regent.core.model.Metrics.of(Map.of("auc", 0.9 + i / 100.0, "n", (double) i)),
                    dev.regent.core.model.Params.of(Map.of("depth", Integer.toString(i))), null,
                    Tags.of(Map.of("k" + i, "v" + i, "shared", "s"))), false).outcome()).isEqualTo(Outcome.APPLIED);
        }
        List<ModelVersion> found = registry.search().searchVersions(ALICE, new SearchQuery(List.of(attr(Field.NAME, Match.EQ,
                m.value())), List.of()), 0, 100).items();
        assertThat(found).hasSize(3);
        for (ModelVersion v : found) {
            assertThat(v).isEqualTo(registry.version(ALICE, m, v.number()));
        }
    }

    @Test
    void modelPredicatesOnNameAndTags() {
        assertThat(models()).containsExactly("alpha", "beta");
        assertThat(models(attr(Field.NAME, Match.EQ, alpha.value()))).containsExactly("alpha");
        assertThat(models(attr(Field.NAME, Match.NE, alpha.value()))).containsExactly("beta");
        assertThat(models(attr(Field.NAME, Match.IN, beta.value(), "nope"))).containsExactly("beta");
        assertThat(models(attr(Field.NAME, Match.LIKE, "%-b_ta"))).containsExactly("beta");
        // LIKE is case-sensitive, ILIKE is not, on both databases
        assertThat(models(attr(Field.NAME, Match.LIKE, "%-ALPHA"))).isEmpty();
        assertThat(models(attr(Field.NAME, Match.ILIKE, "%-ALPHA"))).containsExactly("alpha");
        assertThat(models(tag("team", Match.EQ, "risk"))).containsExactly("alpha");
        assertThat(models(tag("team", Match.NE, "risk"))).containsExactly("beta");
        // a model without the tag matches no comparison on it, not even !=
        assertThat(models(tag("tier", Match.NE, "Silver"))).containsExactly("alpha");
        assertThat(models(tag("tier", Match.LIKE, "G%"))).containsExactly("alpha");
        assertThat(models(tag("tier", Match.LIKE, "g%"))).isEmpty();
        assertThat(models(tag("tier", Match.ILIKE, "g%"))).containsExactly("alpha");
        assertThat(models(tag("team", Match.EQ, "risk"), tag("tier", Match.EQ, "Gold"))).containsExactly("alpha");
        assertThat(models(tag("team", Match.EQ, "risk"), tag("tier", Match.EQ, "Bronze"))).isEmpty();
        // the found models carry their tags
        Model found = registry.search().searchModels(ALICE, new SearchQuery(List.of(mine(), tag("team", Match.EQ, "risk")), List.of()),
                0, 10).items().get(0);
        assertThat(found.tags().values()).containsEntry("tier", "Gold").containsEntry("team", "risk");
    }

    @Test
    void versionPredicatesOnNumberRunSourceAndTags() {
        // live versions of live models only: beta/2 and the deleted model's version are tombstones
        assertThat(versions()).containsExactly("alpha/3", "alpha/2", "alpha/1", "beta/1");
        assertThat(versions(attr(Field.VERSION_NUMBER, Match.EQ, "2"))).containsExactly("alpha/2");
        assertThat(versions(attr(Field.VERSION_NUMBER, Match.NE, "1"))).containsExactly("alpha/3", "alpha/2");
        assertThat(versions(attr(Field.VERSION_NUMBER, Match.GT, "1"))).containsExactly("alpha/3", "alpha/2");
        assertThat(versions(attr(Field.VERSION_NUMBER, Match.GE, "3"))).containsExactly("alpha/3");
        assertThat(versions(attr(Field.VERSION_NUMBER, Match.LT, "2"))).containsExactly("alpha/1", "beta/1");
        assertThat(versions(attr(Field.VERSION_NUMBER, Match.LE, "2"))).containsExactly("alpha/2", "alpha/1", "beta/1");
        assertThat(versions(attr(Field.RUN_ID, Match.EQ, "r1"))).containsExactly("alpha/1", "beta/1");
        assertThat(versions(attr(Field.RUN_ID, Match.IN, "r2", "r9", "nope"))).containsExactly("alpha/2");
        // alpha/3 has no run id: != does not match it
        assertThat(versions(attr(Field.RUN_ID, Match.NE, "r1"))).containsExactly("alpha/2");
        assertThat(versions(attr(Field.SOURCE, Match.EQ, "s3://b/a/3"))).containsExactly("alpha/3");
        assertThat(versions(attr(Field.SOURCE, Match.LIKE, "s3://b/%"))).containsExactly("alpha/3", "alpha/2", "alpha/1");
        assertThat(versions(attr(Field.SOURCE, Match.LIKE, "s3://x/%"))).isEmpty();
        assertThat(versions(attr(Field.SOURCE, Match.ILIKE, "s3://x/%"))).containsExactly("beta/1");
        assertThat(versions(attr(Field.NAME, Match.EQ, beta.value()))).containsExactly("beta/1");
        assertThat(versions(tag("stage", Match.EQ, "dev"))).containsExactly("alpha/1");
        assertThat(versions(tag("stage", Match.NE, "prod"))).containsExactly("alpha/1");
        assertThat(versions(attr(Field.RUN_ID, Match.EQ, "r1"), tag("stage", Match.EQ, "dev"))).containsExactly("alpha/1");
    }

    @Test
    void patternsHaveMlflowsMeaningAndEveryOtherCharacterIsLiteral() {
        assertThat(versions(tag("note", Match.LIKE, "50%"))).containsExactly("alpha/2");
        assertThat(versions(tag("note", Match.LIKE, "50_\\_off"))).isEmpty();
        assertThat(versions(tag("note", Match.LIKE, "__%_off"))).containsExactly("alpha/2");
        // GLOB's and regular expressions' specials are literal; so is a backslash (no escape character)
        assertThat(versions(tag("weird", Match.LIKE, "a*b?[c]"))).containsExactly("alpha/3");
        assertThat(versions(tag("weird", Match.LIKE, "a*%"))).containsExactly("alpha/3");
        assertThat(versions(tag("weird", Match.LIKE, "a_b?%"))).containsExactly("alpha/3", "beta/1");
        assertThat(versions(tag("weird", Match.ILIKE, "A*B?[C]"))).containsExactly("alpha/3");
        assertThat(versions(tag("odd", Match.LIKE, "x\\y"))).containsExactly("alpha/2");
        assertThat(versions(tag("odd", Match.ILIKE, "X\\Y"))).containsExactly("alpha/2");
        // a value is bound, never spliced into SQL
        assertThat(versions(tag("stage", Match.EQ, "dev' OR '1' = '1"))).isEmpty();
        assertThat(versions(tag("x' OR 1=1 --", Match.EQ, "dev"))).isEmpty();
    }

    @Test
    void ordersEndWithMlflowsTieBreaks() {
        List<Sort> none = List.of();
        assertThat(versions(ALICE, none)).containsExactly("alpha/3", "alpha/2", "alpha/1", "beta/1");
        assertThat(versions(ALICE, List.of(new Sort(Sort.Key.VERSION_NUMBER, true))))
                .containsExactly("alpha/1", "beta/1", "alpha/2", "alpha/3");
        assertThat(versions(ALICE, List.of(new Sort(Sort.Key.NAME, false))))
                .containsExactly("beta/1", "alpha/3", "alpha/2", "alpha/1");
        assertThat(versions(ALICE, List.of(new Sort(Sort.Key.CREATED_AT, true))))
                .containsExactly("alpha/1", "alpha/2", "alpha/3", "beta/1");
        assertThat(versions(ALICE, List.of(new Sort(Sort.Key.CREATED_AT, false))))
                .containsExactly("beta/1", "alpha/3", "alpha/2", "alpha/1");
        assertThat(models(List.of(new Sort(Sort.Key.NAME, false)))).containsExactly("beta", "alpha");
        assertThat(models(List.of(new Sort(Sort.Key.CREATED_AT, false)))).containsExactly("beta", "alpha");
        // versions registered since the models were made leave alpha updated last
        assertThat(models(List.of(new Sort(Sort.Key.UPDATED_AT, true)))).containsExactly("alpha", "beta");
        assertThatThrownBy(() -> registry.search().searchModels(ALICE, new SearchQuery(List.of(),
                List.of(new Sort(Sort.Key.VERSION_NUMBER, true))), 0, 10)).isInstanceOf(RegentException.class);
        assertThatThrownBy(() -> registry.search().searchModels(ALICE, new SearchQuery(List.of(attr(Field.RUN_ID, Match.EQ, "r1")),
                List.of()), 0, 10)).isInstanceOf(RegentException.class);
    }

    @Test
    void windowsPageThroughTheResultsWithoutGapsOrRepeats() {
        SearchQuery q = new SearchQuery(List.of(mine()), List.of());
        List<String> seen = new ArrayList<>();
        int offset = 0;
        List<Boolean> more = new ArrayList<>();
        while (true) {
            Found<ModelVersion> page = registry.search().searchVersions(ALICE, q, offset, 3);
            seen.addAll(label(page.items()));
            more.add(page.more());
            offset += page.items().size();
            if (!page.more()) {
                break;
            }
        }
        assertThat(seen).containsExactly("alpha/3", "alpha/2", "alpha/1", "beta/1");
        assertThat(more).containsExactly(true, false);
        Found<ModelVersion> exact = registry.search().searchVersions(ALICE, q, 0, 4);
        assertThat(exact.items()).hasSize(4);
        assertThat(exact.more()).isFalse();
        assertThat(registry.search().searchVersions(ALICE, q, 10, 4).items()).isEmpty();
        Found<Model> firstModel = registry.search().searchModels(ALICE, q, 0, 1);
        assertThat(firstModel.items()).extracting(Model::name).containsExactly(alpha);
        assertThat(firstModel.more()).isTrue();
        assertThat(registry.search().searchModels(ALICE, q, 1, 1).items()).extracting(Model::name).containsExactly(beta);
        // the found versions carry their maps
        assertThat(registry.search().searchVersions(ALICE, new SearchQuery(List.of(mine(), tag("stage", Match.EQ, "dev")), List.of()),
                0, 1).items().get(0).tags().values()).containsExactly(Map.entry("stage", "dev"));
        assertThatThrownBy(() -> registry.search().searchVersions(ALICE, q, 0, 0)).isInstanceOf(RegentException.class);
        assertThatThrownBy(() -> registry.search().searchVersions(ALICE, q, 0, SearchFacet.MAX_VERSION_RESULTS + 1))
                .isInstanceOf(RegentException.class);
        assertThatThrownBy(() -> registry.search().searchModels(ALICE, q, 0, SearchFacet.MAX_MODEL_RESULTS + 1))
                .isInstanceOf(RegentException.class);
        assertThatThrownBy(() -> registry.search().searchModels(ALICE, q, -1, 1)).isInstanceOf(RegentException.class);
    }

    @Test
    void onlyModelsTheCallerMayReadAreFound() {
        Principal reader = Principal.of(uniqueModel("reader").value());
        registry.access().addPrincipal(ALICE, reader, PrincipalKind.USER, new Grant(Role.VIEWER, beta), false);
        Principal nobody = Principal.of(uniqueModel("nobody").value());
        registry.access().addPrincipal(ALICE, nobody, PrincipalKind.USER, new Grant(Role.VIEWER, ModelName.of(base + "-other")), false);
        Principal viewer = Principal.of(uniqueModel("viewer").value());
        registry.access().addPrincipal(ALICE, viewer, PrincipalKind.USER, Grant.global(Role.VIEWER), false);

        assertThat(versions(reader, List.of())).containsExactly("beta/1");
        assertThat(versions(reader, List.of(), attr(Field.NAME, Match.EQ, alpha.value()))).isEmpty();
        assertThat(registry.search().searchModels(reader, new SearchQuery(List.of(mine()), List.of()), 0, 10).items())
                .extracting(Model::name).containsExactly(beta);
        assertThat(versions(nobody, List.of())).isEmpty();
        assertThat(versions(Principal.of("stranger"), List.of())).isEmpty();
        assertThat(versions(viewer, List.of())).containsExactly("alpha/3", "alpha/2", "alpha/1", "beta/1");
    }
}
