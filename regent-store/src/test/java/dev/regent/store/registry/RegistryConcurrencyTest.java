package dev.regent.store.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.store.StoreFixture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Races on one model through the registry: the database and the store's locking keep the rules, not luck. */
abstract class RegistryConcurrencyTest extends StoreFixture {
    static final int THREADS = 8;
    static final Principal ALICE = Principal.of("alice");
    Registry registry;

    @BeforeEach
    void createRegistry() {
        // per test, not @BeforeAll: the fixture's skip (no PostgreSQL configured) then shows on every test
        if (registry == null) {
            registry = TestRegistries.open(store(), Clock.systemUTC(), SourceRules.noLocalFiles());
        }
    }

    private <T> List<T> race(int tasks, java.util.function.IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int n = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return task.apply(n);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void serversBootstrappingOneEmptyDatabaseAtOnceMakeOneAdminAndNoErrors() throws Exception {
        // several nodes starting together on a new database: each tries to bootstrap; one wins, the others see it done
        try (dev.regent.store.TestDatabase fresh = createDatabase(); dev.regent.core.store.RegistryStore empty = fresh.openStore()) {
            List<Optional<String>> tokens = race(THREADS, i -> node(empty, i).access().bootstrapServerAdmin(Principal.of("admin"), null));
            assertThat(tokens.stream().filter(Optional::isPresent)).hasSize(1);
            assertThat(node(empty, 99).access().authenticate(tokens.stream().flatMap(Optional::stream).findFirst().orElseThrow())
                    .principal().name()).isEqualTo("admin");
        }
    }

    /** A registry as one server node builds it on a store, without the test fixture's bootstrap. */
    private static Registry node(dev.regent.core.store.RegistryStore store, int seed) {
        try {
            return new Registry(store, Clock.systemUTC(), new java.util.Random(seed), SourceRules.noLocalFiles(), TestRegistries.NO_GATES,
                    new dev.regent.store.blob.FileBlobStore(java.nio.file.Files.createTempDirectory("regent-blobs")), true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eightThreadsRegisteringGetNumbersOneToNWithoutGapsOrErrors() throws Exception {
        ModelName m = uniqueModel("numbers");
        registry.createModel(ALICE, m, Description.EMPTY, Tags.EMPTY, false);
        int n = 48;
        List<OperationReport> reports = race(n, i -> registry.registerVersion(ALICE,
                new NewVersion(m, SourceUri.of("s3://b/" + i), null, null, null, null, null, null), false));
        assertThat(reports).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.APPLIED));
        List<Integer> numbers = registry.versions(ALICE, m, 0, 1000).stream().map(v -> v.number().value()).collect(Collectors.toList());
        assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList()));
        assertThat(reports.stream().map(r -> r.changes().get(0).target()).distinct()).hasSize(n);
    }

    @Test
    void eightThreadsRacingIntoProductionLeaveExactlyOne() throws Exception {
        ModelName m = uniqueModel("race");
        registry.createModel(ALICE, m, Description.EMPTY, Tags.EMPTY, false);
        for (int i = 1; i <= THREADS; i++) {
            registry.registerVersion(ALICE, new NewVersion(m, SourceUri.of("s3://b/" + i), null, null, null, null, null, null), false);
        }
        List<String> outcomes = race(THREADS, i -> {
            try {
                return registry.promote(ALICE, m, VersionNumber.of(i + 1), Stage.PRODUCTION, Reason.of("race " + i), false)
                        .outcome().name();
            } catch (RegentException e) {
                return "ERROR " + e.code() + ": " + e.getMessage();
            }
        });
        List<ModelVersion> versions = registry.versions(ALICE, m, 0, 100);
        List<ModelVersion> production = versions.stream().filter(v -> v.stage() == Stage.PRODUCTION).collect(Collectors.toList());
        assertThat(production).hasSize(1);
        // every loser was either refused or applied and then archived by a later winner
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isIn("APPLIED", "REFUSED"));
        long applied = outcomes.stream().filter("APPLIED"::equals).count();
        assertThat(versions.stream().filter(v -> v.stage() == Stage.ARCHIVED)).hasSize((int) applied - 1);
        RegistryAssertions.historyMatchesStages(registry, m);
    }
}
