package dev.regent.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.RegentException;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceUriTest {

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket/models/fraud/3", "file:///srv/models/m.pkl", "runs:/abc123/model",
            "https://example.com/a%20b", "gs://b/x..y/z", "models:/fraud/1"})
    void acceptsOrdinaryUris(String uri) {
        assertThat(SourceUri.of(uri).value()).isEqualTo(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket/../secret", "file:///srv/models/../../etc/passwd", "s3://b/%2e%2e/x",
            "s3://b/%2E%2E/x", "s3://b/%252e%252e/x", "s3://b/%25252e%25252e/x", "s3://b/..\\x", "s3://b/x\\..\\y",
            "s3://b/%2e./x", "s3://b/..", "file:..", "s3://b/%2e%2e%2fetc",
            // issue 17, finding 4: path parameters, and dots that fold to ".." under NFKC
            "s3://b/..;/x", "s3://b/..;jsessionid=1/x", "s3://b/\uFF0E\uFF0E/x", "s3://b/\u2025/x", "/srv/\u2025/etc",
            "s3://b/%EF%BC%8E%EF%BC%8E/x"})
    void refusesTraversalInEveryDisguise(String uri) {
        assertThatThrownBy(() -> SourceUri.of(uri)).isInstanceOf(RegentException.class).hasMessageContaining("'..'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://b/a\u0000b", "s3://b/a\nb", "s3://b/a%00b", "s3://b/a%0ab", "s3://b/\u007f"})
    void refusesControlCharactersRawOrEncoded(String uri) {
        assertThatThrownBy(() -> SourceUri.of(uri)).isInstanceOf(RegentException.class).hasMessageContaining("control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "relative/path", "./model", "//host/share/model"})
    void requiresASchemeOrAnAbsolutePath(String uri) {
        assertThatThrownBy(() -> SourceUri.of(uri)).isInstanceOf(RegentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/home/u/mlruns/1/abc/artifacts/model", "/abs/path", "/srv/a b/m:1.pkl", "/"})
    void acceptsABareAbsolutePathAsGiven(String path) {
        SourceUri source = SourceUri.of(path);
        assertThat(source.value()).isEqualTo(path);
        assertThat(source.isLocalPath()).isTrue();
        assertThat(source.scheme()).isEmpty();
        assertThat(source.localPath()).contains(Path.of(path).normalize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/home/../etc/passwd", "/a/%2e%2e/b", "/a/%252e%252e/b", "/a/..\\b", "/..", "/a/b:c/../d"})
    void refusesTraversalInBarePathsToo(String path) {
        assertThatThrownBy(() -> SourceUri.of(path)).isInstanceOf(RegentException.class).hasMessageContaining("'..'");
    }

    @Property(tries = 200)
    void traversalEncodedAnyNumberOfTimesIsRefused(@ForAll @IntRange(min = 0, max = 6) int rounds) {
        String dots = "..";
        for (int i = 0; i < rounds; i++) {
            dots = encodeEvery(dots);
        }
        String uri = "s3://bucket/a/" + dots + "/b";
        assertThatThrownBy(() -> SourceUri.of(uri)).isInstanceOf(RegentException.class);
    }

    private static String encodeEvery(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append('%').append(String.format("%02X", (int) c));
        }
        return b.toString();
    }

    @org.junit.jupiter.api.Test
    void localFilePathsAreDecodedAndAbsolute() {
        assertThat(SourceUri.of("file:///srv/models/a%20b.pkl").localPath()).contains(Path.of("/srv/models/a b.pkl"));
        assertThat(SourceUri.of("file:/srv/m").localPath()).contains(Path.of("/srv/m"));
        assertThat(SourceUri.of("s3://b/k").localPath()).isEmpty();
        assertThat(SourceUri.of("s3://b/k").isLocalPath()).isFalse();
        assertThat(SourceUri.of("file:///srv/m").isLocalPath()).isTrue();
        assertThatThrownBy(() -> SourceUri.of("file://otherhost/srv/m").localPath()).hasMessageContaining("host");
    }
}
