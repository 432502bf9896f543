package dev.regent.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shape of a webhook URL, checked before any address is looked at (the destination policy in the server decides
 * where it may point): https or http only, a host, no user info or fragment, a real port, bounded length. Each
 * refusal is INVALID_ARGUMENT naming the URL with deceptive characters escaped.
 */
class WebhookUrlTest {
    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "gopher://example.com/", "ftp://example.com/", "javascript:alert(1)",
            "https://user:pw@example.com/", "https://example.com/#frag", "https:///nohost", "https://example.com:0/",
            "https://example.com:99999/", "https://exa mple.com/", "//example.com/", "https://example.com/\u202Eevil"})
    void malformedOrUnsafeUrlsAreBadInput(String url) {
        assertThatThrownBy(() -> WebhookSpec.checkUrl(url)).isInstanceOf(RegentException.class)
                .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u202E"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/regent", "http://10.0.0.5:8080/hook", "https://example.com:65535/x?q=1"})
    void wellFormedUrlsPassTheShapeCheck(String url) {
        assertThat(WebhookSpec.checkUrl(url)).isEqualTo(url);
    }
}
