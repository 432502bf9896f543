package dev.regent.client;

import dev.regent.api.AuditTreeWires;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * The audit tree of a Regent server ({@code /api/v1/audit/…}): its verifier key, the latest checkpoint, signing on
 * demand (admins) and RFC 6962 proofs. Answers are the wire documents (hashes in base64); nothing here is trusted by
 * itself: a caller checks notes against a key it holds and proofs against roots it holds.
 */
public final class AuditTreeClient {
    private static final String AUDIT = "/api/v1/audit";
    private final HttpExchange http;

    private AuditTreeClient(HttpExchange http) {
        this.http = http;
    }

    /** A client of the registry at {@code base} with a bearer token. */
    public static AuditTreeClient connect(URI base, String token) {
        return new AuditTreeClient(new HttpExchange(base, token));
    }

    public AuditTreeWires.Key key() {
        return get(AUDIT + "/key", Map.of(), AuditTreeWires.Key.class);
    }

    /** The latest signed checkpoint (NOT_FOUND before the first). */
    public AuditTreeWires.Checkpoint latestCheckpoint() {
        return get(AUDIT + "/checkpoint", Map.of("format", "json"), AuditTreeWires.Checkpoint.class);
    }

    /** Signs the current tree now (admins); CONFLICT when the server refuses (an incident). */
    public AuditTreeWires.Checkpoint signCheckpoint() {
        HttpRequest request = http.request(http.uri(AUDIT + "/checkpoint", Map.of("format", "json")))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.call(request, AuditTreeWires.Checkpoint.class);
    }

    /** Inclusion of entry {@code entry} in the tree of {@code size} entries (null: the whole log). */
    public AuditTreeWires.InclusionProof inclusion(long entry, Long size) {
        return get(AUDIT + "/proofs/inclusion", HttpExchange.query("entry", entry, "size", size),
                AuditTreeWires.InclusionProof.class);
    }

    /** Consistency of the tree of {@code from} entries with that of {@code to} entries. */
    public AuditTreeWires.ConsistencyProof consistency(long from, long to) {
        return get(AUDIT + "/proofs/consistency", HttpExchange.query("from", from, "to", to),
                AuditTreeWires.ConsistencyProof.class);
    }

    private <T> T get(String path, Map<String, ?> query, Class<T> type) {
        return http.call(http.request(http.uri(path, query)).GET().build(), type);
    }
}
