package dev.regent.mcp;

import dev.regent.core.card.ModelCard;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Tags;
import dev.regent.core.registry.NewEvidence;

/** The explicit size limits of tool arguments: the registry's own limits, so a check here never disagrees with it. */
final class Limits {
    static final int NAME = 128;
    /**
     * Model names: at most {@link ModelName#MAX_LENGTH} code points after NFC, which is up to twice as many UTF-16
     * units (characters outside the BMP) and more before normalization; this bound only keeps the wire small, the
     * registry's own check then says what is wrong.
     */
    static final int MODEL_NAME = 4 * ModelName.MAX_LENGTH;
    static final int STAGE = 16;
    static final int REASON = Reason.MAX_LENGTH;
    static final int COMMENT = 2000;
    static final int DESCRIPTION = Description.MAX_BYTES;
    static final int TAGS = Tags.MAX_TAGS;
    static final int TAG_NAME = Tags.MAX_KEY_LENGTH;
    static final int SOURCE = SourceUri.MAX_LENGTH;
    static final int DIGEST = 71;
    static final int EVIDENCE_ID = 64;
    static final int KIND = 64;
    static final int SUMMARY = NewEvidence.MAX_SUMMARY;
    static final int LINEAGE = Lineage.MAX_LENGTH;
    static final int METRICS = 1000;
    static final int CARD = ModelCard.MAX_BYTES;
    static final int CONTENT_BYTES = NewEvidence.MAX_CONTENT_BYTES;
    /** Base64 text of at most {@link #CONTENT_BYTES} bytes. */
    static final int CONTENT_BASE64 = 4 * ((CONTENT_BYTES + 2) / 3);
    /**
     * The largest message a transport reads: the largest evidence in base64 plus room for the envelope and the other
     * arguments. Over it, stdio ends the session and HTTP answers 413; a message that big was over a limit anyway.
     */
    static final int MESSAGE = CONTENT_BASE64 + 1024 * 1024;
    static final int PAGE_TOKEN = 512;
    static final int MAX_PAGE = 100;

    private Limits() {
    }
}
