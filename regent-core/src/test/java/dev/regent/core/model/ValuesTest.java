package dev.regent.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "fraud-detector", "m.v2_x", "0abc", "Fraud", "-x", ".x", "a b", "ä"})
    void acceptsValidModelNames(String name) {
        assertThat(ModelName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " a", "a/b", "a@b", "a#b", "a\u0000"})
    void refusesInvalidModelNames(String name) {
        assertThatThrownBy(() -> ModelName.of(name))
                .isInstanceOf(RegentException.class)
                .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("invalid model name");
    }

    @Test
    void modelNameLengthLimitIs256() {
        assertThat(ModelName.of("a".repeat(256)).value()).hasSize(256);
        assertThatThrownBy(() -> ModelName.of("a".repeat(257))).isInstanceOf(RegentException.class);
    }

    @Test
    void versionNumbersArePositiveIntegers() {
        assertThat(VersionNumber.parse("3").value()).isEqualTo(3);
        for (String bad : new String[] {"0", "-1", "1.5", "v3", "", " 3", "99999999999"}) {
            assertThatThrownBy(() -> VersionNumber.parse(bad)).as(bad).isInstanceOf(RegentException.class);
        }
        assertThatThrownBy(() -> VersionNumber.of(0)).isInstanceOf(RegentException.class);
    }

    @Test
    void stagesParseCaseInsensitivelyAndUnknownOnesListTheAllowed() {
        assertThat(Stage.parse("production")).isEqualTo(Stage.PRODUCTION);
        assertThat(Stage.parse("None")).isEqualTo(Stage.NONE);
        assertThatThrownBy(() -> Stage.parse("Prod"))
                .hasMessageContaining("None, Staging, Production, Archived");
        assertThat(Stage.STAGING.exclusive()).isTrue();
        assertThat(Stage.ARCHIVED.exclusive()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v3", "V12", "v0"})
    void reservedAliasesAreRefused(String alias) {
        assertThatThrownBy(() -> AliasName.of(alias)).hasMessageContaining("reserved");
    }

    @Test
    void ordinaryAliasesAreAccepted() {
        assertThat(AliasName.of("champion").value()).isEqualTo("champion");
        assertThat(AliasName.of("v3-candidate").value()).isEqualTo("v3-candidate");
    }

    @Test
    void digestsAreSha256InLowercaseHex() {
        String hex = "a".repeat(64);
        assertThat(Digest.parse("sha256:" + hex).hex()).isEqualTo(hex);
        assertThatThrownBy(() -> Digest.parse("sha256:" + "A".repeat(64))).isInstanceOf(RegentException.class);
        assertThatThrownBy(() -> Digest.parse("md5:" + hex)).isInstanceOf(RegentException.class);
        assertThatThrownBy(() -> Digest.parse("sha256:" + hex.substring(1))).isInstanceOf(RegentException.class);
        assertThat(Digest.sha256Of(new byte[0]).value())
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void tagLimitsAreExplicit() {
        assertThat(Tags.of(Map.of("k".repeat(250), "v".repeat(5000))).values()).hasSize(1);
        assertThatThrownBy(() -> Tags.of(Map.of("k".repeat(251), "v"))).hasMessageContaining("limit is 250");
        assertThatThrownBy(() -> Tags.of(Map.of("k", "v".repeat(5001)))).hasMessageContaining("limit is 5000");
        assertThatThrownBy(() -> Tags.of(Map.of("", "v"))).isInstanceOf(RegentException.class);
        assertThatThrownBy(() -> Tags.of(Map.of("a\u0001", "v"))).hasMessageContaining("forbidden character");
        // what displays differently from what it holds is refused in tag and param keys and values (issue 17)
        assertThatThrownBy(() -> Tags.of(Map.of("safe\u202Etxt.exe", "v"))).hasMessageContaining("U+202E");
        assertThatThrownBy(() -> Tags.of(Map.of("k", "ok\u2066x"))).hasMessageContaining("U+2066");
        assertThatThrownBy(() -> Tags.of(Map.of("k", "line1\rOVERWRITE"))).hasMessageContaining("carriage return");
        assertThatThrownBy(() -> Params.of(Map.of("k", "a\u202Db"))).hasMessageContaining("bidirectional control");
        assertThat(Tags.of(Map.of("note", "line1\r\nline2\n\tמודל")).values()).as("CR LF, tabs, right-to-left text")
                .containsEntry("note", "line1\r\nline2\n\tמודל");
    }

    @Test
    void descriptionsAreLimitedTo64KiBOfUtf8() {
        assertThat(Description.of("x".repeat(65536)).text()).hasSize(65536);
        assertThatThrownBy(() -> Description.of("x".repeat(65537))).hasMessageContaining("64 KiB");
        // multi-byte characters count by their UTF-8 size
        assertThatThrownBy(() -> Description.of("é".repeat(32769))).hasMessageContaining("64 KiB");
    }

    @Test
    void metricsMustBeFinite() {
        assertThat(Metrics.parseValue("auc", "0.93")).isEqualTo(0.93);
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "abc", "", "1e400"}) {
            assertThatThrownBy(() -> Metrics.parseValue("auc", bad)).as(bad).hasMessageContaining("finite number");
        }
        assertThatThrownBy(() -> Metrics.of(Map.of("x", Double.NaN))).isInstanceOf(RegentException.class);
    }

    @Test
    void principalsHaveAPlainName() {
        assertThat(Principal.of("alice@example.com").name()).isEqualTo("alice@example.com");
        assertThatThrownBy(() -> Principal.of("alice smith")).isInstanceOf(RegentException.class);
        assertThatThrownBy(() -> Principal.of("")).isInstanceOf(RegentException.class);
    }
}
