package dev.regent.store;

import dev.regent.core.card.CardRevision;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.store.StoreConflict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The insert-only card_revisions table: revisions 1, 2, 3… per version, the newest being the card. */
final class CardRows {
    private static final String COLUMNS = "revision, canonical_json, digest, author, at";

    private final Sql sql;

    CardRows(Sql sql) {
        this.sql = sql;
    }

    Optional<CardRevision> latest(ModelName model, long modelId, VersionNumber version) {
        return sql.first("SELECT " + COLUMNS + " FROM card_revisions WHERE model_id = ? AND version = ? "
                + "ORDER BY revision DESC LIMIT 1", rs -> revision(model, version, rs), modelId, version.value());
    }

    List<CardRevision> of(ModelName model, long modelId, VersionNumber version) {
        return sql.list("SELECT " + COLUMNS + " FROM card_revisions WHERE model_id = ? AND version = ? ORDER BY revision",
                rs -> revision(model, version, rs), modelId, version.value());
    }

    /** Inserts the revision if it is the version's next; the primary key catches a concurrent writer of the same number. */
    void insert(long modelId, CardRevision r) {
        int latest = sql.first("SELECT COALESCE(MAX(revision), 0) FROM card_revisions WHERE model_id = ? AND version = ?",
                rs -> rs.getInt(1), modelId, r.version().value()).orElse(0);
        String conflict = "card revision " + r.revision() + " of version " + r.version() + " of model '" + r.model()
                + "' is not the next one: the latest revision is " + latest;
        if (r.revision() != latest + 1) {
            throw new StoreConflict(conflict);
        }
        sql.guardedUpdate(() -> conflict,
                "INSERT INTO card_revisions (model_id, version, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                modelId, r.version().value(), r.revision(), r.canonicalJson(), r.digest().value(), r.author().name(),
                r.at().toEpochMilli());
    }

    private static CardRevision revision(ModelName model, VersionNumber version, ResultSet rs) throws SQLException {
        return new CardRevision(model, version, rs.getInt(1), rs.getString(2), Digest.parse(rs.getString(3)),
                Principal.of(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)));
    }
}
