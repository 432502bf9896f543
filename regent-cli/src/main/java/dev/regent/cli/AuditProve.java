package dev.regent.cli;

import dev.regent.api.AuditTreeWires;
import dev.regent.client.AuditTreeClient;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.core.audit.merkle.ConsistencyProof;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.InclusionProof;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.error.RegentException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regent audit prove --entry N [--size S]} (inclusion of entry N in the tree of S entries, default all) or
 * {@code regent audit prove --from S1 --to S2} (consistency): the proof as RFC 6962 hashes, with the roots it connects.
 */
@Command(name = "prove", description = "Prove an entry's inclusion (--entry N [--size S]) or consistency between sizes (--from S1 --to S2).")
final class AuditProve extends RegistryCommand {
    @Option(names = "--entry", paramLabel = "N", description = "The entry (sequence number) to prove included.")
    Long entry;

    @Option(names = "--size", paramLabel = "S", description = "The tree size to prove it in (default: the whole log).")
    Long size;

    @Option(names = "--from", paramLabel = "S1", description = "The older tree size.")
    Long from;

    @Option(names = "--to", paramLabel = "S2", description = "The newer tree size.")
    Long to;

    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
        boolean inclusion = entry != null;
        boolean consistency = from != null || to != null;
        if (inclusion == consistency || consistency && (from == null || to == null) || inclusion && (from != null || to != null)) {
            throw RegentException.invalid("give either --entry N [--size S] or --from S1 --to S2");
        }
    }

    @Override
    int run(Session session) {
        ObjectNode out = Json.object();
        List<Hash> path;
        if (session instanceof RemoteSession remote) {
            path = remote(remote.auditTree(), out);
        } else {
            path = local(session.audit().tree(), out);
        }
        ArrayNode hashes = out.putArray("path");
        path.forEach(h -> hashes.add(h.hex()));
        if (json()) {
            Json.print(out, out());
        } else {
            out.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("path")) {
                    out().println(f.getKey() + ": " + f.getValue().asText());
                }
            });
            out().println("path:");
            path.forEach(h -> out().println("  " + h.hex()));
        }
        return ExitCodes.OK;
    }

    /** The server's proof, printed as the local one is (hex). */
    private List<Hash> remote(AuditTreeClient audit, ObjectNode out) {
        if (entry != null) {
            AuditTreeWires.InclusionProof proof = audit.inclusion(entry, size);
            out.put("kind", "inclusion").put("entry", entry).put("leaf_index", proof.leafIndex()).put("tree_size", proof.treeSize())
                    .put("root", Hash.ofBase64(proof.root()).hex());
            return proof.path().stream().map(Hash::ofBase64).toList();
        }
        AuditTreeWires.ConsistencyProof proof = audit.consistency(from, to);
        out.put("kind", "consistency").put("size1", from).put("size2", to).put("root1", Hash.ofBase64(proof.root1()).hex())
                .put("root2", Hash.ofBase64(proof.root2()).hex());
        return proof.path().stream().map(Hash::ofBase64).toList();
    }

    private List<Hash> local(AuditTree tree, ObjectNode out) {
        List<Hash> path;
        if (entry != null) {
            long s = size != null ? size : tree.size();
            InclusionProof proof = tree.inclusion(entry, s);
            path = proof.path();
            out.put("kind", "inclusion").put("entry", entry).put("leaf_index", proof.leafIndex()).put("tree_size", s)
                    .put("root", tree.root(s).hex());
        } else {
            ConsistencyProof proof = tree.consistency(from, to);
            path = proof.path();
            out.put("kind", "consistency").put("size1", from).put("size2", to).put("root1", tree.root(from).hex())
                    .put("root2", tree.root(to).hex());
        }
        return path;
    }
}
