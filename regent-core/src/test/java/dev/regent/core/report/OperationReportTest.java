package dev.regent.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationReportTest {
    private final Plan plan = new Plan("op", List.of("step"), List.of(Finding.pass("c", "ok")));

    @Test
    void refusalsAndDryRunsCarryNoChanges() {
        assertThatThrownBy(() -> new OperationReport(Outcome.PLANNED, plan, List.of(new Change("k", "t", "d")), List.of(),
                Rollback.nothing(""), "s", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(OperationReport.planned(plan, "s").changes()).isEmpty();
        assertThat(OperationReport.refused(plan, ErrorCode.GATE_FAILED, "s").refusalCode()).contains(ErrorCode.GATE_FAILED);
    }

    @Test
    void aRefusalCodeGoesWithARefusalOnly() {
        assertThatThrownBy(() -> new OperationReport(Outcome.APPLIED, plan, List.of(), List.of(), Rollback.nothing(""), "s",
                ErrorCode.GATE_FAILED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void planIsFeasibleOnlyWhenEveryCheckPassed() {
        assertThat(plan.feasible()).isTrue();
        assertThat(new Plan("op", List.of(), List.of(Finding.pass("a", ""), Finding.fail("b", "why"))).feasible()).isFalse();
    }
}
