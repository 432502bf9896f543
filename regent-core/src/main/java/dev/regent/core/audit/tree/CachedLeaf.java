package dev.regent.core.audit.tree;

import dev.regent.core.audit.merkle.Hash;

/** The leaf hash the store cached for the audit entry {@code seq} when it was appended. */
public record CachedLeaf(long seq, Hash hash) {
}
