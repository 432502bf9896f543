package dev.regent.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signatures against the Standard Webhooks reference vector, and the rotation overlap. */
class SignaturesTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        assertThat(Signatures.standard(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", BODY))
                .isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aRotationSignsWithBothSecretsAndMlflowWithTheCurrentOne() {
        String old = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, String> h = Signatures.headers("msg_1", 1614265330, BODY, List.of(SECRET, old));
        assertThat(h.get("webhook-signature").split(" ")).containsExactly(
                "v1," + Signatures.standard(SECRET, "msg_1", "1614265330", BODY),
                "v1," + Signatures.standard(old, "msg_1", "1614265330", BODY));
        assertThat(h.get("X-MLflow-Signature")).isEqualTo("v1," + Signatures.mlflow(SECRET, "msg_1", "1614265330", BODY));
        assertThat(h.get("X-MLflow-Delivery-Id")).isEqualTo(h.get("webhook-id")).isEqualTo("msg_1");
        // a changed body, id or timestamp changes the signature
        assertThat(Signatures.standard(SECRET, "msg_2", "1614265330", BODY)).isNotEqualTo(
                Signatures.standard(SECRET, "msg_1", "1614265330", BODY));
        assertThat(Signatures.standard(SECRET, "msg_1", "1614265331", BODY)).isNotEqualTo(
                Signatures.standard(SECRET, "msg_1", "1614265330", BODY));
    }
}
