package dev.regent.server;

import dev.regent.core.error.RegentException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, signed pagination cursors: base64url(payload) "." base64url(HMAC-SHA256(payload)), where the payload binds
 * the cursor to the route and its filter parameters. A forged, truncated, altered or foreign token is a 400, so
 * clients cannot craft cursors or carry one from one listing to another.
 */
final class PageTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = dev.regent.core.input.InputLimits.PAGE_TOKEN_MAX_LENGTH;
    private final byte[] key;

    PageTokens(byte[] key) {
        this.key = key.clone();
    }

    /** A token for the page after {@code cursor} of the route with these filter parameters. */
    String issue(String route, Map<String, String> params, String cursor) {
        byte[] payload = payload(route, params, cursor).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The cursor in a token given back, or null for no token; INVALID_ARGUMENT when it is not one of ours for this listing. */
    String cursor(String token, String route, Map<String, String> params) {
        if (token == null) {
            return null;
        }
        RegentException invalid = RegentException.invalid("invalid page_token: pass back next_page_token unchanged, "
                + "with the same parameters it was issued for");
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid;
        }
        int dot = token.indexOf('.');
        if (dot < 0 || dot != token.lastIndexOf('.')) {
            throw invalid;
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid;
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            throw invalid;
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        String prefix = payload(route, params, "");
        if (!text.startsWith(prefix)) {
            throw invalid;
        }
        return text.substring(prefix.length());
    }

    private static String payload(String route, Map<String, String> params, String cursor) {
        StringBuilder b = new StringBuilder("regent-page/1\n").append(route).append('\n');
        new TreeMap<>(params).forEach((k, v) -> {
            if (v != null) {
                b.append(k).append('=').append(v.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            }
        });
        return b.append("cursor=").append(cursor).toString();
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
