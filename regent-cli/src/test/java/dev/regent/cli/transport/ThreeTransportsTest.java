package dev.regent.cli.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.cli.CliTestAccess;
import dev.regent.core.access.TokenSecret;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scenario suite, three transports: the local CLI, the remote CLI against a real server, and raw HTTP against the
 * same server. Each scenario runs on each transport and every step must come out the same everywhere — the gates, the
 * separation of duties and the access rules are the registry's, whichever door a request comes through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeTransportsTest {
    static final String POLICY = """
            compliance_tags:
              bias_checked: [bias-report]
            default:
              stages:
                Production:
                  - eval_report: { require_passed: true, metrics: "metrics.auc >= 0.9" }
                  - model_card: { sections: [intended_use, limitations, risks, contacts] }
                  - approvals: { count: 1, roles: [approver] }
                  - compliance_tags: [bias_checked]
              aliases:
                champion:
                  - approvals: { count: 1 }
                shadow: []
            """;
    static final String CARD = "# M\n\n## Intended use\nx\n\n## Limitations\ny\n\n## Risks\nz\n\n## Contacts\nteam@example.com\n";
    static final byte[] EVAL = "{\"metrics\": {\"auc\": 0.95}, \"dataset\": \"d@1\", \"passed\": true}".getBytes(StandardCharsets.UTF_8);
    static final byte[] BIAS = "{\"gap\": 0.01}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    private CliTestAccess.Server server;
    private final Map<String, String> tokens = new HashMap<>();
    private final List<Operations> transports = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        String adminToken = TokenSecret.generate(new SecureRandom());
        server = CliTestAccess.startServer(dir.resolve("server-data"), dir.resolve("policy.yaml"), adminToken);
        tokens.put("admin", adminToken);
        HttpOperations http = new HttpOperations("http://127.0.0.1:" + server.port(), tokens::get);
        for (String[] p : new String[][] {{"bob", "contributor"}, {"carol", "approver"}, {"dave", "approver"}, {"vic", "viewer"}}) {
            assertThat(http.addPrincipal("admin", p[0], p[1])).isEqualTo(Outcome.OK);
            HttpResponse<String> created = http.send("admin", "POST", "/api/v1/tokens", "application/json",
                    ("{\"principal\": \"" + p[0] + "\"}").getBytes(StandardCharsets.UTF_8));
            tokens.put(p[0], HttpOperations.read(created.body()).get("token").asText());
        }

        Path local = Files.createDirectories(dir.resolve("local"));
        Files.writeString(local.resolve("policy.yaml"), POLICY);
        CliTestAccess.Cli localCli = CliTestAccess.cli(local, Map.of("REGENT_POLICY", "policy.yaml"));
        for (String[] p : new String[][] {{"bob", "contributor"}, {"carol", "approver"}, {"dave", "approver"}, {"vic", "viewer"}}) {
            assertThat(localCli.run("principal", "add", p[0], "--role", p[1]).exit()).isZero();
        }
        transports.add(new CliOperations("local CLI", localCli::run,
                who -> who.equals("admin") ? List.of() : List.of("--as", who), local));

        Path remote = Files.createDirectories(dir.resolve("remote"));
        CliTestAccess.Cli remoteCli = CliTestAccess.cli(remote, Map.of());
        String url = "http://127.0.0.1:" + server.port();
        transports.add(new CliOperations("remote CLI", remoteCli::run,
                who -> List.of("--registry", url, "--token", tokens.get(who)), remote));
        transports.add(http);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs the scenario on every transport (with its own model name) and checks all saw the same outcomes. */
    private void onEveryTransport(String scenario, List<String> expected, ScenarioBody body) {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (Operations ops : transports) {
            String model = scenario + "-" + transports.indexOf(ops);
            List<String> steps = new ArrayList<>();
            body.run(ops, model, (step, outcome) -> steps.add(step + " -> " + outcome));
            seen.put(ops.name(), steps);
        }
        List<String> first = seen.values().iterator().next();
        assertThat(first).as("what the scenario should come to").containsExactlyElementsOf(expected);
        seen.forEach((transport, steps) -> assertThat(steps).as(transport + " vs " + seen.keySet().iterator().next())
                .containsExactlyElementsOf(first));
    }

    interface ScenarioBody {
        void run(Operations ops, String model, Recorder record);
    }

    interface Recorder {
        void step(String step, Object outcome);
    }

    @Test
    void theGovernedLifecycle() {
        onEveryTransport("life", List.of("create -> OK", "register 1 -> OK", "register 2 -> OK", "register 3 -> OK",
                "v1 to Staging -> OK", "v1 to Production without evidence -> REFUSED", "card 1 -> OK", "tag 1 -> OK",
                "approve 1 -> OK", "v1 to Production -> OK", "card 2 -> OK", "tag 2 -> OK", "approve 2 -> OK",
                "v2 to Production -> OK", "v1 stage -> Archived", "contributor rolls back -> FORBIDDEN",
                "approver rolls back -> OK", "v1 stage after rollback -> Production", "v2 stage after rollback -> Archived",
                "shadow -> 1 -> OK", "shadow -> 3 -> OK", "shadow points at -> 3",
                "canary, not declared: gated like Production -> REFUSED", "champion without approval -> REFUSED",
                "approve champion -> OK", "champion with approval -> OK"), (ops, m, record) -> {
            record.step("create", ops.createModel("bob", m));
            for (int v = 1; v <= 3; v++) {
                record.step("register " + v, ops.register("bob", m, "s3://b/" + m + "/" + v, digest(m + v)));
            }
            record.step("v1 to Staging", ops.promote("bob", m, 1, "Staging"));
            record.step("v1 to Production without evidence", ops.promote("bob", m, 1, "Production"));
            for (int v = 1; v <= 2; v++) {
                record.step("card " + v, ops.setCard("bob", m, v, CARD));
                ops.addEvidence("bob", m, v, "eval-report", EVAL);
                String bias = ops.addEvidence("bob", m, v, "bias-report", BIAS);
                record.step("tag " + v, ops.setTag("bob", m, v, "bias_checked", bias));
                record.step("approve " + v, ops.approve("carol", m, v, "Production"));
                record.step("v" + v + " to Production", ops.promote("bob", m, v, "Production"));
            }
            record.step("v1 stage", ops.stageOf("bob", m, 1));
            record.step("contributor rolls back", ops.rollback("bob", m, "Production").asCli());
            record.step("approver rolls back", ops.rollback("carol", m, "Production"));
            record.step("v1 stage after rollback", ops.stageOf("bob", m, 1));
            record.step("v2 stage after rollback", ops.stageOf("bob", m, 2));
            record.step("shadow -> 1", ops.setAlias("bob", m, "shadow", 1));
            record.step("shadow -> 3", ops.setAlias("bob", m, "shadow", 3));
            record.step("shadow points at", ops.aliasOf("vic", m, "shadow"));
            // version 3 has no card, eval report or approval: an alias the policy does not declare passes Production's gates
            record.step("canary, not declared: gated like Production", ops.setAlias("bob", m, "canary", 3));
            record.step("champion without approval", ops.setAlias("bob", m, "champion", 3));
            record.step("approve champion", ops.approve("dave", m, 3, "champion"));
            record.step("champion with approval", ops.setAlias("bob", m, "champion", 3));
        });
    }

    @Test
    void separationOfDutiesAndAccess() {
        onEveryTransport("duty", List.of("create -> OK", "register by carol -> OK", "carol approves her own -> REFUSED",
                "bob approves -> FORBIDDEN", "viewer promotes -> FORBIDDEN", "viewer reads -> None", "unknown model -> NOT_FOUND",
                "unknown version -> NOT_FOUND", "viewer creates -> FORBIDDEN"), (ops, m, record) -> {
            record.step("create", ops.createModel("carol", m));
            record.step("register by carol", ops.register("carol", m, "s3://b/" + m, digest(m)));
            record.step("carol approves her own", ops.approve("carol", m, 1, "Production"));
            record.step("bob approves", ops.approve("bob", m, 1, "Production").asCli());
            record.step("viewer promotes", ops.promote("vic", m, 1, "Staging").asCli());
            record.step("viewer reads", ops.stageOf("vic", m, 1));
            record.step("unknown model", ops.stageOf("vic", "no-such-" + m, 1));
            record.step("unknown version", ops.stageOf("vic", m, 9));
            record.step("viewer creates", ops.createModel("vic", m + "-x").asCli());
        });
    }

    @Test
    void withoutATokenOnlyHealthAnswers() {
        HttpOperations http = (HttpOperations) transports.get(2);
        assertThat(http.send(null, "GET", "/api/v1/models", null, null).statusCode()).isEqualTo(401);
        assertThat(http.send(null, "GET", "/health", null, null).statusCode()).isEqualTo(200);
        CliTestAccess.Cli remote = CliTestAccess.cli(dir.resolve("remote"), Map.of());
        CliTestAccess.Run r = remote.run("--registry", "http://127.0.0.1:" + server.port(), "--token",
                TokenSecret.generate(new SecureRandom()), "model", "list");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("invalid, expired or revoked token");
    }

    @Test
    void localAndRemoteCliPrintTheSameReports() {
        CliOperations local = (CliOperations) transports.get(0);
        CliOperations remote = (CliOperations) transports.get(1);
        assertThat(local.createModel("bob", "same")).isEqualTo(Outcome.OK);
        assertThat(remote.createModel("bob", "same")).isEqualTo(Outcome.OK);
        String localOut = local.runText("bob", "promote", "same", "1", "--to", "Staging", "--reason", "r");
        String remoteOut = remote.runText("bob", "promote", "same", "1", "--to", "Staging", "--reason", "r");
        assertThat(remoteOut).isEqualTo(localOut);
        String localReg = local.runText("bob", "--dry-run", "version", "register", "same", "--source", "s3://x");
        String remoteReg = remote.runText("bob", "--dry-run", "version", "register", "same", "--source", "s3://x");
        assertThat(remoteReg).isEqualTo(localReg);
    }

    static String digest(String seed) {
        return dev.regent.core.model.Digest.sha256Of(seed.getBytes(StandardCharsets.UTF_8)).value();
    }
}
