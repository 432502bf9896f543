package dev.regent.core.lifecycle;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.Objects;

/** A recorded stage change of one version: the stage history rollback reads. {@code id} orders them (0 before insert). */
public record Transition(long id, ModelName model, VersionNumber version, Stage from, Stage to, TransitionCause cause,
                         Principal actor, String reason, Instant at) {
    public Transition {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
        // stores keep milliseconds; truncating here makes "read back equals written" hold on every database
        at = Instant.ofEpochMilli(at.toEpochMilli());
    }
}
