package dev.regent.bench;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.store.StoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The registry's hot reads on a real SQLite store (50 models × 20 versions), served from the in-memory view
 * ({@code view = true}) or with the view turned off ({@code view = false}: {@code -Dregent.hot-reads.max-age-ms=0},
 * every read a SQLite read transaction, as before the view existed): authenticate a token, a model's overview, one
 * version, the latest version per stage.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HotReadBenchmark {
    static final int MODELS = 50;
    static final int VERSIONS = 20;

    @Param({"true", "false"})
    public boolean view;

    private Path dir;
    private RegistryStore store;
    private Registry registry;
    private String token;
    private final Principal admin = Principal.of("admin");

    @Setup(Level.Trial)
    public void load() throws Exception {
        System.setProperty("regent.hot-reads.max-age-ms", view ? "1000" : "0");
        dir = Files.createTempDirectory("regent-jmh");
        store = StoreFactory.open(dir, null);
        registry = new Registry(store, Clock.systemUTC(), new SecureRandom(), SourceRules.noLocalFiles(),
                PolicyParser.parse("version: 1\n", "no gates"), StoreFactory.blobs(dir), true);
        token = registry.access().bootstrapServerAdmin(admin, null).orElseThrow();
        registry.access().addPrincipal(admin, Principal.of("reader"), PrincipalKind.USER, Grant.global(Role.VIEWER), false);
        for (int m = 0; m < MODELS; m++) {
            ModelName name = ModelName.of("m" + m);
            registry.createModel(admin, name, Description.EMPTY, Tags.EMPTY, false);
            for (int v = 1; v <= VERSIONS; v++) {
                registry.registerVersion(admin, new NewVersion(name, SourceUri.of("s3://b/" + m + "/" + v), null, null, null,
                        null, null, Tags.EMPTY), false);
            }
            registry.setAlias(admin, name, AliasName.of("champion"), VersionNumber.of(VERSIONS / 2), Reason.of("bench"), false);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static ModelName anyModel() {
        return ModelName.of("m" + ThreadLocalRandom.current().nextInt(MODELS));
    }

    @Benchmark
    public PrincipalRecord authenticate() {
        return registry.access().authenticate(token);
    }

    @Benchmark
    public ModelOverview overview() {
        return registry.overview(admin, anyModel());
    }

    @Benchmark
    public ModelVersion version() {
        return registry.version(admin, anyModel(), VersionNumber.of(1 + ThreadLocalRandom.current().nextInt(VERSIONS)));
    }

    @Benchmark
    public Object latestPerStage() {
        return registry.latestPerStage(admin, anyModel());
    }
}
