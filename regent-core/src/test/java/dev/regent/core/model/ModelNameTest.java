package dev.regent.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Model names as MLflow has them (any visible text, case kept), within the limits a governed registry needs. */
class ModelNameTest {
    private static final String RULE = "1-256 characters";

    @ParameterizedTest
    @ValueSource(strings = {"FraudDetector", "Churn Model v2", "модель", "a.b_c-d", "fraud-detector", "x", "点心 model",
            "what?", "50% off", "a:b", "(draft) Model", "ｆｒａｕｄ"})
    void acceptsWhatMlflowAccepts(String name) {
        assertThat(ModelName.of(name).value()).isEqualTo(name);
    }

    @Test
    void keepsCaseAndComparesExactly() {
        assertThat(ModelName.of("Fraud")).isNotEqualTo(ModelName.of("fraud"));
        assertThat(ModelName.of("Fraud").value()).isEqualTo("Fraud");
    }

    @Test
    void normalizesToNfcSoComposedAndDecomposedAreOneName() {
        ModelName decomposed = ModelName.of("caf" + "e\u0301");
        ModelName composed = ModelName.of("caf\u00e9");
        assertThat(decomposed).isEqualTo(composed);
        assertThat(decomposed.value()).isEqualTo("caf\u00e9").hasSize(4);
    }

    @Test
    void theLimitIs256CharactersAfterNormalization() {
        assertThat(ModelName.of("a".repeat(256)).value()).hasSize(256);
        // 256 decomposed 'é' are 512 chars of input but 256 characters once normalized
        assertThat(ModelName.of("e\u0301".repeat(256)).value()).hasSize(256);
        // characters are code points: 256 emoji are 512 UTF-16 units and still fit
        assertThat(ModelName.of("\ud83d\ude80".repeat(256)).value()).hasSize(512);
        refused("a".repeat(257), "257 characters long", RULE);
    }

    @Test
    void refusesWithMessagesSayingWhatIsAllowed() {
        refused("", "must not be empty", RULE);
        refused("  x", "leading or trailing whitespace", RULE);
        refused("x ", "leading or trailing whitespace", RULE);
        refused("\u00a0x", "leading or trailing whitespace", RULE);
        refused("a/b", "'/'", "'/', '@' and '#'");
        refused("a@b", "'@'", "'/', '@' and '#'");
        refused("a#b", "'#'", "'/', '@' and '#'");
        refused("x\u202Ey", "invisible or format character U+202E", RULE);
        refused("x\u200By", "invisible or format character U+200B", RULE);
        refused("x\u2060y", "invisible or format character U+2060", RULE);
        refused("x\ufe0fy", "invisible or format character U+FE0F", RULE);
        refused("x\u3164y", "invisible or format character U+3164", RULE);
        refused("x\u00ady", "invisible or format character U+00AD", RULE);
        refused("x\ufeffy", "invisible or format character U+FEFF", RULE);
        refused("a\u0000b", "control character U+0000", RULE);
        refused("a\nb", "control character U+000A", RULE);
        refused("a\tb", "control character U+0009", RULE);
        refused("a\u007fb", "control character U+007F", RULE);
        refused("a\u0085b", "control character U+0085", RULE);
        refused("a\u2028b", "line or paragraph separator U+2028", RULE);
        refused("a\ud800b", "unpaired surrogate U+D800", RULE);
        refused("a\ue000b", "private-use character U+E000", RULE);
    }

    @Test
    void theErrorShowsInvisibleCharactersEscaped() {
        assertThatThrownBy(() -> ModelName.of("x\u202Ey"))
                .hasMessageStartingWith("invalid model name 'x\\u202e");
    }

    @Test
    void theKeyFoldsCaseWidthAndCompatibilityForms() {
        assertThat(ModelName.of("Fraud").key()).isEqualTo("fraud");
        assertThat(ModelName.of("FRAUD-EU").key()).isEqualTo("fraud-eu");
        assertThat(ModelName.of("ｆｒａｕｄ-x").key()).isEqualTo("fraud-x");
        assertThat(ModelName.of("Straße").key()).isEqualTo(ModelName.of("STRASSE").key());
        assertThat(ModelName.of("ΟΔΟΣ").key()).isEqualTo(ModelName.of("οδοσ").key());
        assertThat(ModelName.of("\u212a").key()).isEqualTo("k"); // the Kelvin sign
        assertThat(ModelName.of("Churn\u00a0Model").key()).isEqualTo(ModelName.of("churn model").key());
        assertThat(ModelName.of("Fraud").key()).isNotEqualTo(ModelName.of("Fraud2").key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "fraud-detector", "m.v2_x", "0abc", "a.b_c-d"})
    void theKeyOfEveryNameUnderTheOldRuleIsTheNameItself(String oldStyle) {
        // migration V7 backfills keys: names stored before it were [a-z0-9][a-z0-9._-]*, whose key is the name
        assertThat(NameKey.of(oldStyle)).isEqualTo(oldStyle);
    }

    private static void refused(String name, String... parts) {
        assertThatThrownBy(() -> ModelName.of(name))
                .isInstanceOf(RegentException.class)
                .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("invalid model name")
                .hasMessageContainingAll(parts);
    }
}
