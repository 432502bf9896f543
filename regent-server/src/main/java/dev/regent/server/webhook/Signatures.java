package dev.regent.server.webhook;

import dev.regent.core.webhook.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature headers of a delivery, in two schemes over the same signed content {@code id.timestamp.body}:
 * <ul>
 *   <li>Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}
 *       ({@code v1,<base64 HMAC-SHA256>}, keyed with the secret's base64-decoded bytes after {@code whsec_}); during a
 *       rotation one signature per secret, separated by spaces, as the specification allows;</li>
 *   <li>MLflow 3: {@code X-MLflow-Delivery-Id}, {@code X-MLflow-Timestamp} and {@code X-MLflow-Signature}
 *       ({@code v1,<base64 HMAC-SHA256>} keyed with the secret text's UTF-8 bytes, as MLflow does), with the current
 *       secret only, since MLflow's receivers read a single signature.</li>
 * </ul>
 */
public final class Signatures {
    private Signatures() {
    }

    /** Every signature header for a body sent at {@code unixSeconds}, signed with the secrets (current first). */
    public static Map<String, String> headers(String deliveryId, long unixSeconds, byte[] body, List<String> secrets) {
        String timestamp = Long.toString(unixSeconds);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("webhook-id", deliveryId);
        h.put("webhook-timestamp", timestamp);
        h.put("webhook-signature", secrets.stream().map(s -> "v1," + standard(s, deliveryId, timestamp, body))
                .collect(Collectors.joining(" ")));
        h.put("X-MLflow-Delivery-Id", deliveryId);
        h.put("X-MLflow-Timestamp", timestamp);
        h.put("X-MLflow-Signature", "v1," + mlflow(secrets.get(0), deliveryId, timestamp, body));
        return h;
    }

    /** The Standard Webhooks signature (base64, without the "v1," prefix). */
    public static String standard(String secret, String id, String timestamp, byte[] body) {
        return hmac(WebhookSecret.key(secret), id, timestamp, body);
    }

    /** MLflow 3's signature (base64, without the "v1," prefix). */
    public static String mlflow(String secret, String id, String timestamp, byte[] body) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), id, timestamp, body);
    }

    private static String hmac(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
