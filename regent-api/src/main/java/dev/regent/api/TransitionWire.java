package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.lifecycle.TransitionCause;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;

/** One stage change, as {@code history --json}: {@code version, from, to, cause, actor, reason, at}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransitionWire(int version, String from, String to, String cause, String actor, String reason, String at) {

    public static TransitionWire of(Transition t) {
        return new TransitionWire(t.version().value(), t.from().label(), t.to().label(), t.cause().name(), t.actor().name(),
                t.reason(), t.at().toString());
    }

    /** The domain transition of the given model; the wire has no ids, so {@code id} is 0. */
    public Transition toDomain(ModelName model) {
        return new Transition(0, model, VersionNumber.of(version), Stage.parse(from), Stage.parse(to),
                TransitionCause.valueOf(cause), Principal.of(actor), reason, Instant.parse(at));
    }
}
