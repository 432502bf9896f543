package dev.regent.core.store;

import dev.regent.core.card.CardRevision;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import java.util.List;
import java.util.Optional;

/** Model card revisions of versions of live models; revisions are only ever added. */
public interface CardRecords {

    /** The newest card revision of the version. */
    Optional<CardRevision> latestCard(ModelName model, VersionNumber version);

    /** Every card revision of the version, oldest first. */
    List<CardRevision> cardRevisions(ModelName model, VersionNumber version);

    /** Adds a revision; its number must be the next one for the version ({@link StoreConflict} otherwise). */
    void insertCardRevision(CardRevision revision);
}
