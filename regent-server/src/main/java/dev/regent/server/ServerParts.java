package dev.regent.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.core.blob.BlobStore;
import dev.regent.core.registry.Registry;
import dev.regent.core.audit.tree.CheckpointSigner;
import java.time.Clock;

/** The collaborators every route may use, built once per server. */
record ServerParts(Registry registry, BlobStore blobs, Clock clock, ServerConfig config, ObjectMapper mapper,
                   PageTokens pageTokens, ServerMetrics metrics, ETags etags, CheckpointSigner audit,
                   AccessLog accessLog, RenderedBodies rendered) {
}
