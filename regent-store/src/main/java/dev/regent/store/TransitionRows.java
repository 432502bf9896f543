package dev.regent.store;

import dev.regent.core.lifecycle.Transition;
import dev.regent.core.lifecycle.TransitionCause;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.List;

/** The transitions table: a model's stage history, ordered by its generated id. */
final class TransitionRows {
    private final Sql sql;

    TransitionRows(Sql sql) {
        this.sql = sql;
    }

    void append(long modelId, Transition t) {
        sql.guardedUpdate(() -> "cannot record a stage change of version " + t.version() + " of model '" + t.model()
                        + "': that version does not exist",
                "INSERT INTO transitions (model_id, version, from_stage, to_stage, cause, actor, reason, at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                modelId, t.version().value(), t.from().label(), t.to().label(), t.cause().name(), t.actor().name(),
                t.reason(), t.at().toEpochMilli());
    }

    List<Transition> of(ModelName model, long modelId) {
        return sql.list("SELECT id, version, from_stage, to_stage, cause, actor, reason, at FROM transitions "
                        + "WHERE model_id = ? ORDER BY id",
                rs -> new Transition(rs.getLong(1), model, VersionNumber.of(rs.getInt(2)), Stage.parse(rs.getString(3)),
                        Stage.parse(rs.getString(4)), TransitionCause.valueOf(rs.getString(5)),
                        Principal.of(rs.getString(6)), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8))),
                modelId);
    }
}
