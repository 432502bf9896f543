package dev.regent.store.registry;

import static dev.regent.store.registry.TestRegistries.ALICE;
import static dev.regent.store.registry.TestRegistries.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
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
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.store.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renaming a model: what follows the model, what moves with it (grants), and what refuses it. On both databases. */
abstract class RenameContractTest extends StoreFixture {
    static final Reason WHY = Reason.of("test");
    Registry registry;

    @BeforeEach
    void createRegistry() {
        if (registry == null) {
            registry = TestRegistries.open(store(), Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)),
                    SourceRules.noLocalFiles(), PolicyParser.parse("""
                            version: 1
                            models:
                              "guarded-*":
                                stages:
                                  Production:
                                    - approvals: { count: 2 }
                            """, "rename test policy"));
        }
    }

    ModelName model(String prefix) {
        ModelName name = uniqueModel(prefix);
        assertThat(registry.createModel(ALICE, name, Description.of("d"), Tags.of(java.util.Map.of("team", "x")), false)
                .outcome()).isEqualTo(Outcome.APPLIED);
        return name;
    }

    void register(ModelName model, int n) {
        assertThat(registry.registerVersion(ALICE, new NewVersion(model, SourceUri.of("s3://b/" + model + "/" + n),
                Digest.parse("sha256:" + String.format("%064x", n)), null, null, null, null, null), false).outcome())
                .isEqualTo(Outcome.APPLIED);
    }

    List<Grant> grantsOf(Principal p) {
        return registry.access().principals(ALICE).stream().filter(r -> r.principal().equals(p)).findFirst()
                .map(PrincipalRecord::grants).orElse(List.of());
    }

    @Test
    void versionsStagesAliasesAndGrantsFollowTheModel() {
        ModelName from = model("ren-from");
        ModelName to = uniqueModel("ren-to");
        register(from, 1);
        register(from, 2);
        registry.promote(ALICE, from, VersionNumber.of(2), Stage.STAGING, WHY, false);
        registry.setAlias(ALICE, from, AliasName.of("champion"), VersionNumber.of(1), WHY, false);
        Principal erin = Principal.of(uniqueModel("erin").value());
        registry.access().addPrincipal(ALICE, erin, PrincipalKind.USER, new Grant(Role.VIEWER, from), false);

        OperationReport r = registry.renameModel(ALICE, from, to, "clearer name", false);

        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.verified()).isTrue();
        assertThat(r.plan().steps()).anySatisfy(s -> assertThat(s).contains("Move the per-model grants").contains(erin.name()));
        assertThat(r.rollback().commands()).containsExactly("regent model rename " + to + " " + from + " --reason 'undo model rename'");
        assertThatThrownBy(() -> registry.model(ALICE, from)).isInstanceOf(RegentException.class)
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(registry.model(ALICE, to).description().text()).isEqualTo("d");
        assertThat(registry.model(ALICE, to).tags().values()).containsEntry("team", "x");
        assertThat(registry.versions(ALICE, to, 0, 10)).extracting(v -> v.number().value()).containsExactly(1, 2);
        assertThat(registry.version(ALICE, to, VersionNumber.of(2)).stage()).isEqualTo(Stage.STAGING);
        assertThat(registry.version(ALICE, to, VersionNumber.of(2)).model()).isEqualTo(to);
        assertThat(registry.overview(ALICE, to).aliases()).containsEntry(AliasName.of("champion"), VersionNumber.of(1));
        // the per-model viewer reads the model under its new name, and nothing under the old one
        assertThat(grantsOf(erin)).containsExactly(new Grant(Role.VIEWER, to));
        assertThat(registry.model(erin, to).name()).isEqualTo(to);
        assertThat(registry.models(erin, null, 10)).extracting(m -> m.name()).containsExactly(to);
        // the old name is free again, and new versions continue the numbering
        assertThat(registry.createModel(ALICE, from, Description.EMPTY, Tags.EMPTY, false).outcome()).isEqualTo(Outcome.APPLIED);
        register(to, 3);
        assertThat(registry.version(ALICE, to, VersionNumber.of(3)).number().value()).isEqualTo(3);

        List<AuditEntry> audit = registry.governance().audit(ALICE, new AuditQuery(to, 0, 1000));
        AuditEntry entry = audit.stream().filter(e -> e.action() == AuditAction.MODEL_RENAME).findFirst().orElseThrow();
        assertThat(entry.action().wireName()).isEqualTo("model.rename");
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.APPLIED);
        assertThat(entry.reason()).isEqualTo("clearer name");
        assertThat(entry.before()).containsEntry("name", from.value());
        assertThat(entry.after()).containsEntry("name", to.value()).containsEntry("renamed_from", from.value());
    }

    @Test
    void aTakenNameIsRefusedAndChangesNothingButTheAuditLog() {
        ModelName from = model("ren-a");
        ModelName to = model("ren-b");
        register(from, 1);

        OperationReport r = registry.renameModel(BOB, from, to, null, false);

        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.refusal()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(r.summary()).contains("already exists");
        assertThat(registry.versions(ALICE, from, 0, 10)).hasSize(1);
        assertThat(registry.versions(ALICE, to, 0, 10)).isEmpty();
        assertThat(registry.governance().audit(ALICE, new AuditQuery(from, 0, 1000))).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.MODEL_RENAME);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
        });
        assertThat(registry.renameModel(ALICE, from, from, null, false).outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void aMissingModelIsNotFoundAndADryRunWritesNothing() {
        assertThatThrownBy(() -> registry.renameModel(ALICE, uniqueModel("ren-none"), uniqueModel("ren-x"), null, false))
                .isInstanceOf(RegentException.class).extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        ModelName from = model("ren-dry");
        ModelName to = uniqueModel("ren-dry-to");
        int before = registry.governance().audit(ALICE, AuditQuery.all(10_000)).size();
        OperationReport r = registry.renameModel(ALICE, from, to, "why", true);
        assertThat(r.outcome()).isEqualTo(Outcome.PLANNED);
        assertThat(registry.model(ALICE, from).name()).isEqualTo(from);
        assertThatThrownBy(() -> registry.model(ALICE, to)).isInstanceOf(RegentException.class);
        assertThat(registry.governance().audit(ALICE, AuditQuery.all(10_000))).hasSize(before);
    }

    @Test
    void aRenameCannotMoveAModelOutFromUnderItsPolicyGates() {
        ModelName guarded = ModelName.of("guarded-" + uniqueModel("m").value());
        assertThat(registry.createModel(ALICE, guarded, Description.EMPTY, Tags.EMPTY, false).outcome()).isEqualTo(Outcome.APPLIED);
        OperationReport out = registry.renameModel(ALICE, guarded, uniqueModel("free"), null, false);
        assertThat(out.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(out.summary()).contains("same policy gates").contains("guarded-*");
        assertThat(registry.model(ALICE, guarded).name()).isEqualTo(guarded);

        ModelName plain = model("plain");
        assertThat(registry.renameModel(ALICE, plain, ModelName.of("guarded-" + plain.value()), null, false).outcome())
                .isEqualTo(Outcome.REFUSED);
        ModelName within = ModelName.of("guarded-" + uniqueModel("n").value());
        assertThat(registry.renameModel(ALICE, guarded, within, null, false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void aPrincipalHoldingTheRoleOnBothNamesKeepsOneGrantAndOthersNeedARole() {
        ModelName from = model("ren-both");
        ModelName to = uniqueModel("ren-both-to");
        Principal frank = Principal.of(uniqueModel("frank").value());
        registry.access().addPrincipal(ALICE, frank, PrincipalKind.USER, new Grant(Role.CONTRIBUTOR, from), false);
        registry.access().addPrincipal(ALICE, frank, PrincipalKind.USER, new Grant(Role.CONTRIBUTOR, to), false);
        registry.access().addPrincipal(ALICE, frank, PrincipalKind.USER, new Grant(Role.VIEWER, from), false);
        Principal gina = Principal.of(uniqueModel("gina").value());
        registry.access().addPrincipal(ALICE, gina, PrincipalKind.USER, new Grant(Role.VIEWER, from), false);

        assertThatThrownBy(() -> registry.renameModel(gina, from, to, null, false)).isInstanceOf(RegentException.class)
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        OperationReport r = registry.renameModel(frank, from, to, null, false);
        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(r.verified()).isTrue();
        assertThat(grantsOf(frank)).containsExactlyInAnyOrder(new Grant(Role.CONTRIBUTOR, to), new Grant(Role.VIEWER, to));
        assertThat(grantsOf(gina)).containsExactly(new Grant(Role.VIEWER, to));
    }
}
