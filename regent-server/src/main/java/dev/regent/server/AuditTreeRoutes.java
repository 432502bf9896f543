package dev.regent.server;

import dev.regent.api.AuditTreeWires;
import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.merkle.ConsistencyProof;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.InclusionProof;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.audit.tree.Cosignatures;
import dev.regent.core.audit.tree.StoredCosignature;
import java.util.List;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.error.RegentException;
import java.util.Locale;

/**
 * The audit log's Merkle tree: the latest signed checkpoint (the C2SP note as text/plain, or JSON), the verifier key,
 * inclusion and consistency proofs (hashes in standard base64), and signing on demand.
 */
final class AuditTreeRoutes {
    static final String CHECKPOINT = "/api/v1/audit/checkpoint";
    static final String KEY = "/api/v1/audit/key";
    static final String INCLUSION = "/api/v1/audit/proofs/inclusion";
    static final String CONSISTENCY = "/api/v1/audit/proofs/consistency";
    static final String CHECKPOINT_OF_SIZE = "/api/v1/audit/checkpoints/{size}";
    static final String COSIGNATURES = "/api/v1/audit/checkpoints/{size}/cosignatures";

    private AuditTreeRoutes() {
    }

    static void register(Endpoints e) {
        e.get(CHECKPOINT, AuditTreeRoutes::latest);
        e.post(CHECKPOINT, AuditTreeRoutes::sign);
        e.get(KEY, AuditTreeRoutes::key);
        e.get(INCLUSION, AuditTreeRoutes::inclusion);
        e.get(CONSISTENCY, AuditTreeRoutes::consistency);
        e.get(CHECKPOINT_OF_SIZE, AuditTreeRoutes::ofSize);
        e.post(COSIGNATURES, AuditTreeRoutes::cosign);
    }

    static Reply ofSize(Call call) {
        long size = size(call);
        StoredCheckpoint c = call.audit().tree().checkpointOfSize(size)
                .orElseThrow(() -> RegentException.notFound("the log signed no checkpoint of size " + size));
        return checkpoint(call, c, 200, call.audit().cosignatures().of(size));
    }

    /**
     * A witness's cosignatures on a checkpoint: the body is text, the signature lines a tlog-witness answers to
     * add-checkpoint (or the whole cosigned note). Only cosignatures of configured witnesses that verify over exactly
     * the stored checkpoint are kept; anything else is refused with a reason (error.details.reason) and stores nothing.
     * Whoever may read the whole log (and so the tiles a witness checks) may relay them: the signature, not the
     * sender, is what is trusted.
     */
    static Reply cosign(Call call) {
        call.registry().governance().requireWholeAuditLog(call.actor());
        long size = size(call);
        Cosignatures.Accepted accepted = call.audit().cosignatures().accept(size, call.bodyText(), call.dryRun());
        StoredCheckpoint c = call.audit().tree().checkpointOfSize(size).orElseThrow();
        List<StoredCosignature> all = new java.util.ArrayList<>(call.audit().cosignatures().of(size));
        if (call.dryRun()) {
            all.addAll(accepted.stored());
        }
        return Reply.ok(new AuditTreeWires.CosignaturesAccepted(size, call.dryRun(), wires(accepted.stored()),
                wires(accepted.alreadyStored()), Cosignatures.cosignedNote(c, all)));
    }

    private static long size(Call call) {
        String raw = call.path("size");
        if (!raw.matches("0|[1-9][0-9]{0,17}")) {
            throw RegentException.invalid("the checkpoint size must be a whole number without leading zeros, got '" + raw + "'");
        }
        return Long.parseLong(raw);
    }

    private static List<AuditTreeWires.Cosignature> wires(List<StoredCosignature> cosignatures) {
        return cosignatures.stream().map(s -> new AuditTreeWires.Cosignature(s.cosignature().witness(),
                String.format("%08x", s.cosignature().keyId()), s.cosignature().timestamp(), s.cosignature().line(),
                s.receivedAt().toString())).toList();
    }

    static Reply latest(Call call) {
        StoredCheckpoint c = call.audit().latest()
                .orElseThrow(() -> RegentException.notFound("no checkpoint has been signed yet"));
        return checkpoint(call, c, 200, call.audit().cosignatures().of(c.size()));
    }

    static Reply sign(Call call) {
        if (call.dryRun()) {
            throw RegentException.invalid("signing a checkpoint has no dry run: GET " + CHECKPOINT + " shows the latest one");
        }
        // the note as signed, without cosignatures: what a client writes to its checkpoint directory
        return checkpoint(call, AuditIncidents.signNow(call.audit()), 200, List.of());
    }

    static Reply key(Call call) {
        VerifierKey key = call.audit().verifier();
        return Reply.ok(new AuditTreeWires.Key(key.toString(), key.name(), key.keyIdHex()));
    }

    static Reply inclusion(Call call) {
        AuditTree tree = call.audit().tree();
        long entry = number(call, "entry", true);
        long size = call.query("size") == null ? tree.size() : number(call, "size", true);
        InclusionProof proof = tree.inclusion(entry, size);
        return Reply.ok(new AuditTreeWires.InclusionProof(entry, proof.leafIndex(), proof.treeSize(), tree.root(size).base64(),
                proof.path().stream().map(Hash::base64).toList()));
    }

    static Reply consistency(Call call) {
        AuditTree tree = call.audit().tree();
        long from = number(call, "from", true);
        long to = number(call, "to", true);
        ConsistencyProof proof = tree.consistency(from, to);
        return Reply.ok(new AuditTreeWires.ConsistencyProof(from, to, tree.root(from).base64(), tree.root(to).base64(),
                proof.path().stream().map(Hash::base64).toList()));
    }

    /** The note as text/plain, unless the client asks for JSON ({@code ?format=json} or an Accept of application/json). */
    private static Reply checkpoint(Call call, StoredCheckpoint c, int status, List<StoredCosignature> cosignatures) {
        String format = call.query("format");
        String accept = call.ctx().header("Accept");
        boolean json = "json".equals(format) || format == null && accept != null
                && accept.toLowerCase(Locale.ROOT).contains("application/json") && !accept.toLowerCase(Locale.ROOT).contains("text/plain");
        if (format != null && !format.equals("json") && !format.equals("text")) {
            throw RegentException.invalid("format must be text or json, got '" + format + "'");
        }
        if (!json) {
            return Reply.text(status, "text/plain; charset=utf-8", Cosignatures.cosignedNote(c, cosignatures));
        }
        String origin = c.note().substring(0, c.note().indexOf('\n'));
        return Reply.json(status, new AuditTreeWires.Checkpoint(origin, c.size(), c.root().base64(),
                Cosignatures.cosignedNote(c, cosignatures), c.signedAt().toString(), wires(cosignatures)));
    }

    private static long number(Call call, String name, boolean required) {
        String raw = required ? call.requiredQuery(name) : call.query(name);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw RegentException.invalid("query parameter '" + name + "' must be a whole number, got '" + raw + "'");
        }
    }
}
