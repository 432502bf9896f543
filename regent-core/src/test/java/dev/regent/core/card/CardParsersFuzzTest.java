package dev.regent.core.card;

import dev.regent.core.input.HostileInput;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.RegentException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue 17: every card reader, over hostile text, yields a card or INVALID_ARGUMENT, quickly. */
class CardParsersFuzzTest {
    private static final List<String> OPENERS = List.of("[", "{\"a\":", "- ", "  - ", "a:\n  ", "[{", "> ", "* ", "1. ",
            "*_", "**", "[", "<a>", "`", "&#", "\\", "![", "# ", "## ", "---\n", "- [", "{", "'", "\"", "!!str ", "&a ");

    /** Found by the fuzzing: a YAML card 1,044 '[' deep overflowed the composer's stack. */
    @Example
    void aDeeplyNestedYamlCardIsRefusedNotAStackOverflow() {
        assertThatThrownBy(() -> ModelCard.parse("[".repeat(1043) + "1", CardFormat.YAML))
                .isInstanceOf(RegentException.class).hasMessageContaining("nested more than 32");
        assertThatThrownBy(() -> ModelCard.parse("---\nnotes: " + "[".repeat(5000) + "\n---\n", CardFormat.MARKDOWN))
                .isInstanceOf(RegentException.class).hasMessageContaining("nested more than 32");
    }

    /**
     * Found by the fuzzing: a Markdown card of 945 nested list items ("- - - …") was accepted, and rendering it as
     * HTML (the version page) overflowed the stack. Such a card is refused when written.
     */
    @Example
    void markdownNestedTooDeepToRenderIsRefused() {
        assertThatThrownBy(() -> ModelCard.parse("- ".repeat(945) + "x", CardFormat.MARKDOWN))
                .isInstanceOf(RegentException.class).hasMessageContaining("Markdown is nested more than 48");
        assertThatThrownBy(() -> ModelCard.parse("{\"notes\": \"" + "> ".repeat(500) + "x\"}", CardFormat.JSON))
                .isInstanceOf(RegentException.class).hasMessageContaining("Markdown is nested more than 48");
        assertThatThrownBy(() -> ModelCard.parse("## Limitations\n" + "*a ".repeat(3000) + "b" + "*".repeat(3000),
                CardFormat.MARKDOWN)).isInstanceOf(RegentException.class);
        ModelCard.parse("- a\n  - b\n    - c\n", CardFormat.MARKDOWN).toHtml("ok");
    }

    @Example
    void aStoredCardNestedTooDeepStillLoadsAndIsShownAsEscapedText() {
        // stored before the nesting limit (an input rule): it must load for its gates, digest and export, and a page
        // must show it without recursing once per level
        String stored = "{\"notes\": \"" + "> ".repeat(27_000) + "<b>x</b>\"}";
        ModelCard card = ModelCard.fromCanonicalJson(stored);
        org.assertj.core.api.Assertions.assertThat(card.hasSection("notes")).isTrue();
        String html = card.toHtml("legacy");
        org.assertj.core.api.Assertions.assertThat(html).contains("shown as text").contains("<pre>")
                .contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>");
        assertThatThrownBy(() -> ModelCard.parse(stored, CardFormat.JSON)).hasMessageContaining("nested more than 48");
    }

    /** Found by the fuzzing: a line of 27,000 "- " took CommonMark seconds to parse (quadratic); refused at once. */
    @Example
    void aLineOpeningThousandsOfListItemsIsRefusedQuickly() {
        long start = dev.regent.core.input.HostileInput.cpuNanos();
        assertThatThrownBy(() -> ModelCard.parse("- ".repeat(27_000) + "x", CardFormat.MARKDOWN))
                .isInstanceOf(RegentException.class).hasMessageContaining("Markdown is nested more than 48");
        assertThatThrownBy(() -> ModelCard.parse("notes: \"" + "> ".repeat(27_000) + "\"", CardFormat.YAML))
                .isInstanceOf(RegentException.class).hasMessageContaining("Markdown is nested more than 48");
        org.assertj.core.api.Assertions.assertThat(dev.regent.core.input.HostileInput.cpuNanos() - start)
                .as("CPU time of this thread").isLessThan(dev.regent.core.input.HostileInput.BOUND.toNanos());
    }

    @Property(tries = 250)
    void jsonCards(@ForAll("json") String text) {
        HostileInput.valueOrInvalid(text, s -> ModelCard.parse(s, CardFormat.JSON));
    }

    @Property(tries = 250)
    void yamlCards(@ForAll("yaml") String text) {
        HostileInput.valueOrInvalid(text, s -> ModelCard.parse(s, CardFormat.YAML));
    }

    @Property(tries = 250)
    void markdownCards(@ForAll("markdown") String text) {
        HostileInput.valueOrInvalid(text, s -> {
            ModelCard card = ModelCard.parse(s, CardFormat.MARKDOWN);
            card.toHtml("title");
        });
    }

    @Property(tries = 100)
    void anyFormatDetected(@ForAll("markdown") String text) {
        HostileInput.valueOrInvalid(text, s -> ModelCard.parse(s, CardFormat.detect(null, s)));
    }

    @Provide
    Arbitrary<String> json() {
        return HostileInput.around(List.of(CardFixtures.JSON), OPENERS);
    }

    @Provide
    Arbitrary<String> yaml() {
        return HostileInput.around(List.of(CardFixtures.YAML, "a: &x [1, 2]\nb: *x\n", "notes: !!binary aGVsbG8=\n",
                "notes: !java.lang.Runtime {}\n"), OPENERS);
    }

    @Provide
    Arbitrary<String> markdown() {
        return HostileInput.around(List.of(CardFixtures.MARKDOWN, CardFixtures.YAML, CardFixtures.JSON), OPENERS);
    }
}
