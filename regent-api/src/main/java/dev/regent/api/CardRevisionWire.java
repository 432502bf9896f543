package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.card.CardRevision;

/**
 * One model card revision's metadata: {@code model, version, revision, digest, author, at}. The card itself is read
 * with {@code GET …/card?revision=N&format=json} (canonical JSON), {@code md} or {@code html}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CardRevisionWire(String model, int version, int revision, String digest, String author, String at) {

    public static CardRevisionWire of(CardRevision r) {
        return new CardRevisionWire(r.model().value(), r.version().value(), r.revision(), r.digest().value(), r.author().name(),
                r.at().toString());
    }
}
