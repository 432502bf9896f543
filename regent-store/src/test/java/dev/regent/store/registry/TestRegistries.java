package dev.regent.store.registry;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyCanonicalForm;
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

    /**
     * Puts the policy in effect on the registry's store (applied by alice as a new revision when it differs): the
     * policy is registry state, so every registry on one store shares it, and a test that wants another policy
     * applies it like an admin would.
     */
    static Registry use(Registry registry, Policy policy) {
        if (!PolicyCanonicalForm.digest(registry.policies().inEffect().policy()).equals(PolicyCanonicalForm.digest(policy))) {
            var report = registry.policies().apply(ALICE, policy, dev.regent.core.lifecycle.Reason.of("test fixture"), false);
            if (report.outcome() != dev.regent.core.report.Outcome.APPLIED) {
                throw new IllegalStateException("test policy refused: " + report.summary());
            }
        }
        return registry;
    }

    static Registry open(RegistryStore store, Clock clock, SourceRules rules, Policy policy) {
        try {
            Registry registry = new Registry(store, clock, new Random(SEEDS.incrementAndGet()), rules, policy,
                    new FileBlobStore(Files.createTempDirectory("regent-blobs")), true);
            registry.access().bootstrapAdmin(ALICE, "test fixture");
            registry.access().addPrincipal(ALICE, BOB, PrincipalKind.USER, Grant.global(Role.CONTRIBUTOR), false);
            registry.access().addPrincipal(ALICE, CAROL, PrincipalKind.USER, Grant.global(Role.APPROVER), false);
            registry.access().addPrincipal(ALICE, DAVE, PrincipalKind.USER, Grant.global(Role.APPROVER), false);
            return use(registry, policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
