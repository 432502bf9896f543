package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The audit tree over the API: checkpoints, the verifier key and RFC 6962 proofs. Hashes are standard base64 of the
 * 32 bytes (RFC 4648 §4), as checkpoints and C2SP/RFC 6962 tooling write them.
 */
public final class AuditTreeWires {
    private AuditTreeWires() {
    }

    /**
     * A signed checkpoint: its origin, tree size, root, the whole signed note (C2SP signed-note text, with the
     * witnesses' cosignature lines after the log's signature), when, and the cosignatures accepted for it.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Checkpoint(String origin, long size, String root, String note, String signedAt, List<Cosignature> cosignatures) {
        public Checkpoint {
            cosignatures = cosignatures == null ? List.of() : List.copyOf(cosignatures);
        }
    }

    /**
     * A witness's cosignature (C2SP tlog-cosignature, cosignature/v1): the witness's key name, key ID (8 hex digits),
     * the time it signed (POSIX seconds), the signature line as it appears in the note, and when it was accepted.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cosignature(String witness, String keyId, long time, String line, String receivedAt) {
    }

    /** What sending cosignatures gave: those stored now and those already stored (sent again), and the cosigned note. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CosignaturesAccepted(long size, boolean dryRun, List<Cosignature> stored, List<Cosignature> alreadyStored,
                                       String note) {
        public CosignaturesAccepted {
            stored = List.copyOf(stored);
            alreadyStored = List.copyOf(alreadyStored);
        }
    }

    /** The signed-note verifier key ({@code name+keyid+base64(0x01 || key)}), its name and key ID (8 hex digits). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Key(String verifierKey, String name, String keyId) {
    }

    /** Inclusion of entry {@code entry} (leaf {@code leafIndex} = entry - 1) in the tree of {@code treeSize} entries. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InclusionProof(long entry, long leafIndex, long treeSize, String root, List<String> path) {
        public InclusionProof {
            path = List.copyOf(path);
        }
    }

    /** Consistency of the tree of {@code size1} entries with that of {@code size2} entries. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ConsistencyProof(long size1, long size2, String root1, String root2, List<String> path) {
        public ConsistencyProof {
            path = List.copyOf(path);
        }
    }
}
