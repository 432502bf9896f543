package dev.regent.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.RegentException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"model.pkl", "weights/layer-1.bin", "a..b/c", "x/.hidden", "dir/file with space.txt",
            "ünïcode/ok", "a+b/c%zz"})
    void acceptsOrdinaryRelativePaths(String path) {
        assertThat(ArtifactPath.of(path).value()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc/passwd", "a/../../b", "a/..", "%2e%2e/x", "%2E%2E/x", "%252e%252e/x",
            "%25252e%25252e/x", "a/%2e%2e", "%2e./x", "a%2f..%2fb", "\uff0e\uff0e/x"})
    void refusesDotDotInEveryDisguise(String path) {
        assertThatThrownBy(() -> ArtifactPath.of(path)).isInstanceOf(RegentException.class).hasMessageContaining("'..'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "%2fetc/passwd", "%252fetc%252fpasswd"})
    void refusesAbsolutePaths(String path) {
        assertThatThrownBy(() -> ArtifactPath.of(path)).isInstanceOf(RegentException.class).hasMessageContaining("absolute");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:/Windows/x", "c:x"})
    void refusesDriveLetters(String path) {
        assertThatThrownBy(() -> ArtifactPath.of(path)).isInstanceOf(RegentException.class).hasMessageContaining("drive letter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..\\x", "a\\b", "a%5cb", "a%255c..%255cb"})
    void refusesBackslashes(String path) {
        assertThatThrownBy(() -> ArtifactPath.of(path)).isInstanceOf(RegentException.class).hasMessageContaining("backslash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a%00b", "a%2500b", "model.pkl%00.txt"})
    void refusesNul(String path) {
        assertThatThrownBy(() -> ArtifactPath.of(path)).isInstanceOf(RegentException.class).hasMessageContaining("NUL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a%0ab", "a\u007fb"})
    void refusesControlCharacters(String path) {
        assertThatThrownBy(() -> ArtifactPath.of(path)).isInstanceOf(RegentException.class).hasMessageContaining("control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..;/etc/passwd", "a;b", "a%3bb", "a/%253b..", "a#../../b", "x%23y", "%2523"})
    void refusesSemicolonAndHashTricks(String path) {
        assertThatThrownBy(() -> ArtifactPath.of(path)).isInstanceOf(RegentException.class).hasMessageMatching("(?s).*'[;#]'.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a//b", "a/", "./a", "a/./b", "."})
    void refusesEmptyAndDotSegments(String path) {
        assertThatThrownBy(() -> ArtifactPath.of(path)).isInstanceOf(RegentException.class);
    }
}
