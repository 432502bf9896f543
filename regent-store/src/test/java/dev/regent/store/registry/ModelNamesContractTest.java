package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.core.search.Field;
import dev.regent.core.search.Match;
import dev.regent.core.search.Predicate;
import dev.regent.core.search.SearchQuery;
import dev.regent.core.store.StoreConflict;
import dev.regent.store.StoreFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Model names as MLflow has them — case kept, any script, spaces — and the key that keeps look-alikes ("Fraud" and
 * "fraud", full-width "ｆｒａｕｄ") from passing for each other: unique among live models in the database, matched by
 * policy globs, never by grants. On both databases.
 */
abstract class ModelNamesContractTest extends StoreFixture {
    private static final Reason WHY = Reason.of("test");
    private Registry registry;

    @BeforeEach
    void createRegistry() {
        if (registry == null) {
            registry = TestRegistries.open(store(), Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)),
                    SourceRules.noLocalFiles(), PolicyParser.parse("""
                            version: 1
                            models:
                              "fraud-*":
                                stages:
                                  Production:
                                    - approvals: { count: 2 }
                            """, "names test policy"));
        }
    }

    private ModelName create(String name) {
        ModelName model = ModelName.of(name);
        OperationReport r = registry.createModel(ALICE, model, Description.EMPTY, Tags.EMPTY, false);
        assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.APPLIED);
        return model;
    }

    private void register(ModelName model, int n) {
        assertThat(registry.registerVersion(ALICE, new NewVersion(model, SourceUri.of("s3://b/m/" + n),
                Digest.parse("sha256:" + String.format("%064x", n)), null, null, null, null, null), false).outcome())
                .isEqualTo(Outcome.APPLIED);
    }

    @Test
    void namesKeepTheirCaseScriptAndSpaces() {
        for (String name : new String[] {"FraudDetector", "Churn Model v2", "модель", "a.b_c-d"}) {
            ModelName model = create(name);
            register(model, 1);
            assertThat(registry.model(ALICE, model).name().value()).isEqualTo(name);
            assertThat(registry.version(ALICE, model, VersionNumber.of(1)).model().value()).isEqualTo(name);
        }
        assertThat(registry.models(ALICE, null, 100)).extracting(m -> m.name().value())
                .contains("FraudDetector", "Churn Model v2", "модель", "a.b_c-d");
    }

    @Test
    void aLookAlikeOfALiveModelIsRefusedNamingTheExistingOne() {
        ModelName fraud = create("Fraud");
        for (String lookAlike : new String[] {"fraud", "FRAUD", "ｆｒａｕｄ", "Ｆraud"}) {
            OperationReport r = registry.createModel(ALICE, ModelName.of(lookAlike), Description.EMPTY, Tags.EMPTY, false);
            assertThat(r.outcome()).as(lookAlike).isEqualTo(Outcome.REFUSED);
            assertThat(r.refusal()).isEqualTo(ErrorCode.ALREADY_EXISTS);
            assertThat(r.summary()).contains("model 'Fraud' already exists").contains("'" + lookAlike + "' differs from it");
        }
        OperationReport same = registry.createModel(ALICE, fraud, Description.EMPTY, Tags.EMPTY, false);
        assertThat(same.refusal()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(same.summary()).contains("model 'Fraud' already exists");
    }

    @Test
    void theDatabaseHoldsTheKeyEvenWithoutTheRegistrysCheck() {
        create("Held");
        Instant now = Instant.now();
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.insertModel(new Model(ModelName.of("HELD"), Description.EMPTY, Tags.EMPTY, ALICE, now, now));
            return null;
        })).isInstanceOf(StoreConflict.class).hasMessageContaining("differing from it only in case or width");
        assertThat(store().read(tx -> tx.findModelByKey(ModelName.of("held"))).map(m -> m.name().value())).contains("Held");
    }

    @Test
    void lookupsAreCaseSensitiveAsInMlflow() {
        ModelName upper = create("CaseModel");
        register(upper, 1);
        for (String other : new String[] {"casemodel", "CASEMODEL", "ＣａｓｅＭｏｄｅｌ"}) {
            assertThatThrownBy(() -> registry.model(ALICE, ModelName.of(other))).as(other)
                    .isInstanceOf(RegentException.class)
                    .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThatThrownBy(() -> registry.version(ALICE, ModelName.of(other), VersionNumber.of(1)))
                    .isInstanceOf(RegentException.class);
        }
        // NFC: a decomposed spelling is the same name, not a look-alike
        ModelName cafe = create("Caf\u00e9");
        assertThat(registry.model(ALICE, ModelName.of("Cafe\u0301")).name()).isEqualTo(cafe);
    }

    @Test
    void aPolicyGlobGovernsCapitalisedAndFullWidthLookAlikes() {
        for (String name : new String[] {"Fraud-EU", "ｆｒａｕｄ-x"}) {
            ModelName model = create(name);
            register(model, 1);
            OperationReport r = registry.promote(ALICE, model, VersionNumber.of(1), Stage.PRODUCTION, WHY, false);
            assertThat(r.outcome()).as(name).isEqualTo(Outcome.REFUSED);
            // the override's two approvals, where the defaults of this policy have no gates at all
            assertThat(r.summary()).as(name).contains("0 of 2 approval(s) for Production");
            assertThat(registry.version(ALICE, model, VersionNumber.of(1)).stage()).isEqualTo(Stage.NONE);
        }
        ModelName plain = create("Antifraud");
        register(plain, 1);
        assertThat(registry.promote(ALICE, plain, VersionNumber.of(1), Stage.PRODUCTION, WHY, false).outcome())
                .isEqualTo(Outcome.APPLIED);
    }

    @Test
    void aPerModelGrantCoversTheExactNameOnly() {
        ModelName lower = create("granted");
        Principal erin = Principal.of("erin-" + uniqueModel("p").value());
        registry.access().addPrincipal(ALICE, erin, PrincipalKind.USER, new Grant(Role.CONTRIBUTOR, lower), false);
        assertThat(registry.model(erin, lower).name()).isEqualTo(lower);
        registry.deleteModel(ALICE, lower, WHY, false);
        // the look-alike that takes the freed key is another model: the stale grant does not reach it
        ModelName upper = create("Granted");
        assertThatThrownBy(() -> registry.model(erin, upper)).isInstanceOf(RegentException.class)
                .extracting(e -> ((RegentException) e).code()).isIn(ErrorCode.PERMISSION_DENIED, ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> registry.registerVersion(erin, new NewVersion(upper, SourceUri.of("s3://b/x"),
                null, null, null, null, null, null), false)).isInstanceOf(RegentException.class)
                .extracting(e -> ((RegentException) e).code()).isIn(ErrorCode.PERMISSION_DENIED, ErrorCode.NOT_FOUND);
        assertThat(registry.versions(ALICE, upper, 0, 10)).isEmpty();
    }

    @Test
    void aRenameUpdatesTheKey() throws Exception {
        ModelName churn = create("churn");
        // changing only the case is a rename, not a clash with itself
        ModelName upper = ModelName.of("Churn");
        OperationReport r = registry.renameModel(ALICE, churn, upper, "capitalise", false);
        assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.createModel(ALICE, churn, Description.EMPTY, Tags.EMPTY, false).refusal())
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
        // a rename onto another model's look-alike is refused naming that model
        ModelName other = create("Other");
        OperationReport clash = registry.renameModel(ALICE, upper, ModelName.of("OTHER"), null, false);
        assertThat(clash.refusal()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(clash.summary()).contains("model 'Other' already exists");
        // renamed away, the old key is free again
        OperationReport away = registry.renameModel(ALICE, upper, ModelName.of("Churn Renamed"), null, false);
        assertThat(away.outcome()).as(away.summary()).isEqualTo(Outcome.APPLIED);
        create("CHURN");
        try (Connection c = database().connect();
             PreparedStatement s = c.prepareStatement("SELECT name_key FROM models WHERE name = ? AND deleted_at IS NULL")) {
            s.setString(1, "Churn Renamed");
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("churn renamed");
            }
        }
        assertThat(other.key()).isEqualTo("other");
    }

    @Test
    void searchesMatchExactNamesAndLikeKeepsCaseAsInMlflow() {
        create("Search Model Q");
        create("ПОИСК Q");
        assertThat(search(Match.EQ, "Search Model Q")).containsExactly("Search Model Q");
        assertThat(search(Match.EQ, "search model q")).isEmpty();
        assertThat(search(Match.LIKE, "Search %Q")).containsExactly("Search Model Q");
        assertThat(search(Match.LIKE, "search %q")).isEmpty();
        assertThat(search(Match.ILIKE, "search %q")).containsExactly("Search Model Q");
        // ILIKE folds ASCII letters on both databases; other scripts match as written, on both alike
        assertThat(search(Match.ILIKE, "ПОИСК%")).containsExactly("ПОИСК Q");
        assertThat(search(Match.LIKE, "ПОИСК _")).containsExactly("ПОИСК Q");
    }

    private List<String> search(Match match, String pattern) {
        return registry.search().searchModels(ALICE, new SearchQuery(List.of(Predicate.attribute(Field.NAME, match,
                pattern)), List.of()), 0, 100).items().stream().map(m -> m.name().value()).toList();
    }

    @Test
    void aDeletedModelsKeyIsFreeForALookAlike() {
        ModelName old = create("Retired");
        registry.deleteModel(ALICE, old, WHY, false);
        ModelName fresh = create("RETIRED");
        assertThat(registry.model(ALICE, fresh).name().value()).isEqualTo("RETIRED");
    }
}
