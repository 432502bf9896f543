package dev.regent.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownGoodTest {
    private final List<Transition> history = new ArrayList<>();

    private void move(int version, Stage from, Stage to, TransitionCause cause) {
        history.add(new Transition(history.size() + 1, ModelName.of("m"), VersionNumber.of(version), from, to, cause,
                Principal.of("p"), "r", Instant.EPOCH));
    }

    private void promote(int version, Stage from, Integer displaced) {
        if (displaced != null) {
            move(displaced, Stage.PRODUCTION, Stage.ARCHIVED, TransitionCause.DISPLACED);
        }
        move(version, from, Stage.PRODUCTION, TransitionCause.PROMOTION);
    }

    @Test
    void returnsThePreviousHolder() {
        promote(1, Stage.NONE, null);
        promote(2, Stage.NONE, 1);
        assertThat(KnownGood.target(history, Stage.PRODUCTION, VersionNumber.of(2))).contains(VersionNumber.of(1));
    }

    @Test
    void skipsHoldersThatWereRolledBackAwayFrom() {
        promote(1, Stage.NONE, null);
        promote(2, Stage.NONE, 1);
        // rollback 2 -> 1
        move(2, Stage.PRODUCTION, Stage.ARCHIVED, TransitionCause.ROLLED_BACK);
        move(1, Stage.ARCHIVED, Stage.PRODUCTION, TransitionCause.ROLLBACK);
        promote(3, Stage.NONE, 1);
        // from 3, the previous holders are 1 (good) and 2 (rolled back away from)
        assertThat(KnownGood.target(history, Stage.PRODUCTION, VersionNumber.of(3))).contains(VersionNumber.of(1));
        // roll back 3 -> 1, then again: 3 and 2 are both bad, nothing is left
        move(3, Stage.PRODUCTION, Stage.ARCHIVED, TransitionCause.ROLLED_BACK);
        move(1, Stage.ARCHIVED, Stage.PRODUCTION, TransitionCause.ROLLBACK);
        assertThat(KnownGood.target(history, Stage.PRODUCTION, VersionNumber.of(1))).isEmpty();
    }

    @Test
    void aVersionRepromotedAfterARollbackIsGoodAgainOnceDisplacedNormally() {
        promote(1, Stage.NONE, null);
        promote(2, Stage.NONE, 1);
        move(2, Stage.PRODUCTION, Stage.ARCHIVED, TransitionCause.ROLLED_BACK);
        move(1, Stage.ARCHIVED, Stage.PRODUCTION, TransitionCause.ROLLBACK);
        promote(2, Stage.ARCHIVED, 1); // fixed and promoted again
        promote(3, Stage.NONE, 2);
        assertThat(KnownGood.target(history, Stage.PRODUCTION, VersionNumber.of(3))).contains(VersionNumber.of(2));
    }

    @Test
    void otherStagesDoNotCount() {
        move(1, Stage.NONE, Stage.STAGING, TransitionCause.PROMOTION);
        promote(2, Stage.NONE, null);
        assertThat(KnownGood.target(history, Stage.PRODUCTION, VersionNumber.of(2))).isEmpty();
        assertThat(KnownGood.previousHolders(history, Stage.STAGING)).containsExactly(VersionNumber.of(1));
    }
}
