package dev.regent.store.registry;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.blob.FileBlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Random;

/**
 * Registries for tests on a real store: a deterministic id source, a blob store in a temporary directory, and the
 * principals the suites act as — alice (admin), bob (contributor), carol and dave (approvers).
 */
final class TestRegistries {
    static final Principal ALICE = Principal.of("alice");
    static final Principal BOB = Principal.of("bob");
    static final Principal CAROL = Principal.of("carol");
    static final Principal DAVE = Principal.of("dave");
    /** A policy with no gates: lifecycle rules only. */
    static final Policy NO_GATES = PolicyParser.parse("version: 1\n", "no gates");

    /** Each registry gets its own deterministic id sequence, so two registries on one database never collide. */
    private static final java.util.concurrent.atomic.AtomicLong SEEDS = new java.util.concurrent.atomic.AtomicLong(7);

    private TestRegistries() {
    }

    static Registry open(RegistryStore store, Clock clock, SourceRules rules) {
        return open(store, clock, rules, NO_GATES);
    }

    static Registry open(RegistryStore store, Clock clock, SourceRules rules, Policy policy) {
        try {
            Registry registry = new Registry(store, clock, new Random(SEEDS.incrementAndGet()), rules, policy,
                    new FileBlobStore(Files.createTempDirectory("regent-blobs")), true);
            registry.bootstrapAdmin(ALICE, "test fixture");
            registry.addPrincipal(ALICE, BOB, PrincipalKind.USER, Grant.global(Role.CONTRIBUTOR), false);
            registry.addPrincipal(ALICE, CAROL, PrincipalKind.USER, Grant.global(Role.APPROVER), false);
            registry.addPrincipal(ALICE, DAVE, PrincipalKind.USER, Grant.global(Role.APPROVER), false);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
