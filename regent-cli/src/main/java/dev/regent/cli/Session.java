package dev.regent.cli;

import dev.regent.core.model.Principal;
import dev.regent.core.registry.RegistrySession;

/** What a command runs against: a registry session, local (in-process) or remote (over the REST API). */
interface Session extends AutoCloseable {

    /** The registry as the acting principal sees it. */
    RegistrySession registry();

    /** The acting principal. */
    default Principal actor() {
        return registry().actor();
    }

    /**
     * The audit log's Merkle tree and its verifier over this session's store; local mode only (remote sessions answer
     * audit key, checkpoint and prove through the server's API).
     */
    default LocalAudit audit() {
        throw dev.regent.core.error.RegentException.invalid(
                "audit verify runs in local mode only (next to the database: it recomputes the tree from the entries); drop --registry");
    }

    /** Where a blob lives on this machine's disk, to name it in reports; local mode only. */
    default java.util.Optional<java.nio.file.Path> blobFile(dev.regent.core.model.Digest digest) {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
