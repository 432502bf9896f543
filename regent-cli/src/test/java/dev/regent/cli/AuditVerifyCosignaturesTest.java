package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.checkpoint.CosigningKey;
import dev.regent.core.audit.tree.Cosignatures;
import dev.regent.core.audit.tree.Witnesses;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regent audit verify --witness KEY... --require-cosignatures N}: the latest checkpoint must carry valid
 * cosignatures of N distinct given witnesses, stored with it or in a given note; anything less fails with exit 1.
 */
class AuditVerifyCosignaturesTest {
    private static final CosigningKey W1 = CosigningKey.fromSeed("witness.example/w1", seed(1));
    private static final CosigningKey W2 = CosigningKey.fromSeed("witness.example/w2", seed(2));
    private static final CosigningKey OTHER = CosigningKey.fromSeed("witness.example/w2", seed(9));

    @TempDir
    Path dir;
    private CliHarness cli;
    private String note;
    private long now;

    @BeforeEach
    void aSignedCheckpoint() throws Exception {
        cli = CliHarness.withoutGates(dir);
        ok("model", "create", "fraud");
        ok("model", "create", "churn");
        CliHarness.Result r = ok("audit", "checkpoint", "--checkpoint-dir", "published");
        note = r.out().substring(0, r.out().indexOf("Written to"));
        now = Clock.systemUTC().instant().getEpochSecond();
    }

    @Test
    void cosignaturesInAGivenNoteCountOncePerValidWitness() throws Exception {
        String text = Cosignatures.text(note);
        Files.writeString(dir.resolve("cosigned.txt"), note + W1.cosign(text, now).line() + "\n"
                + W1.cosign(text, now + 1).line() + "\n" + OTHER.cosign(text, now).line() + "\n");
        String w1 = W1.witness().toString();
        String w2 = W2.witness().toString();
        assertThat(ok("audit", "verify", "--checkpoint", "cosigned.txt", "--witness", w1, "--require-cosignatures", "1").out())
                .contains("the latest cosigned by at least 1 witness(es)");
        CliHarness.Result twoNeeded = cli.run("audit", "verify", "--checkpoint", "cosigned.txt", "--witness", w1,
                "--witness", w2, "--require-cosignatures", "2");
        assertThat(twoNeeded.exit()).as(twoNeeded.toString()).isEqualTo(1);
        assertThat(twoNeeded.out()).contains("valid cosignatures of 1 of the 2 given witness(es) (witness.example/w1); 2 required");
        CliHarness.Result none = cli.run("audit", "verify", "--witness", w1, "--require-cosignatures", "1");
        assertThat(none.exit()).as("not stored, and no note given").isEqualTo(1);
        CliHarness.Result tooMany = cli.run("audit", "verify", "--witness", w1, "--require-cosignatures", "2");
        assertThat(tooMany.exit()).isEqualTo(2);
        assertThat(tooMany.out() + tooMany.err()).contains("needs at least as many witnesses");
        CliHarness.Result logKey = cli.run("audit", "verify", "--witness", ok("audit", "key").out().strip(),
                "--require-cosignatures", "1");
        assertThat(logKey.exit()).isEqualTo(2);
        assertThat(logKey.out() + logKey.err()).contains("a log's verifier key (type 0x01)");
    }

    @Test
    void storedCosignaturesCount() throws Exception {
        long size = Long.parseLong(note.split("\n")[1]);
        try (RegistryStore store = StoreFactory.open(cli.dataDir, null)) {
            new Cosignatures(store, new Witnesses(List.of(W1.witness(), W2.witness())), Clock.systemUTC())
                    .accept(size, W1.cosign(Cosignatures.text(note), now).line() + "\n"
                            + W2.cosign(Cosignatures.text(note), now).line(), false);
        }
        assertThat(ok("audit", "verify", "--witness", W1.witness().toString(), "--witness", W2.witness().toString(),
                "--require-cosignatures", "2").out()).startsWith("OK:");
        cli.env.put("REGENT_AUDIT_WITNESSES", W1.witness() + "," + OTHER.witness());
        CliHarness.Result r = cli.run("audit", "verify", "--require-cosignatures", "2");
        assertThat(r.exit()).as("w2's stored cosignature is not OTHER's").isEqualTo(1);
    }

    @Test
    void serveRefusesAMalformedWitnessKeyBeforeStarting() {
        CliHarness.Result bad = cli.run("serve", "--port", "0", "--witness", "w.example+00000000+AAAA");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.out() + bad.err()).contains("witness key");
        CliHarness.Result logKey = cli.run("serve", "--port", "0", "--witness", ok("audit", "key").out().strip());
        assertThat(logKey.exit()).as(logKey.toString()).isEqualTo(2);
        assertThat(logKey.out() + logKey.err()).contains("a log's verifier key (type 0x01)");
    }

    private CliHarness.Result ok(String... args) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private static byte[] seed(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        return seed;
    }
}
