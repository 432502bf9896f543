package dev.regent.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SectionsTest {
    private static final List<String> DEFAULT_POLICY = List.of("intended_use", "limitations", "risks", "contacts");

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"limitations\": \"\"}",
            "{\"limitations\": \"   \\n\\t \"}",
            "{\"limitations\": \"<!-- fill me in -->\"}",
            "{\"limitations\": \"<!-- one -->\\n\\n<!-- two\\n lines -->\"}",
            "{\"limitations\": null}",
            "{\"limitations\": []}",
            "{\"limitations\": [\"\", \"<!-- x -->\", null]}",
            "{\"limitations\": {}}",
            "{\"limitations\": {\"a\": \"\", \"b\": [], \"c\": {\"d\": null}}}"})
    void emptyValuesDoNotCountAsPresent(String json) {
        ModelCard card = ModelCard.parse(json, CardFormat.JSON);
        assertThat(card.hasSection("limitations")).isFalse();
        assertThat(card.sections()).isEmpty();
        assertThat(card.canonicalJson()).isEqualTo("{\"schema_version\":1}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"limitations\": \"x\"}",
            "{\"limitations\": \"<!-- hint --> real text\"}",
            "{\"limitations\": [\"\", \"x\"]}",
            "{\"limitations\": [0]}",
            "{\"limitations\": {\"checked\": false}}",
            "{\"limitations\": [[[\"x\"]]]}"})
    void anyNonEmptyValueCountsAsPresent(String json) {
        assertThat(ModelCard.parse(json, CardFormat.JSON).hasSection("limitations")).isTrue();
    }

    @Test
    void anEmptyHeadingIsNotASection() {
        ModelCard card = ModelCard.parse("## Limitations\n\n## Risks\n<!-- todo -->\n## Notes\nx\n", CardFormat.MARKDOWN);
        assertThat(card.sections()).containsExactly("notes");
    }

    @Test
    void missingListsTheRequiredSectionsNotPresentInTheirOrder() {
        ModelCard card = ModelCard.parse("## Limitations\nx\n## Contacts\nteam@example.com\n", CardFormat.MARKDOWN);
        assertThat(card.missing(DEFAULT_POLICY)).containsExactly("intended_use", "risks");
        assertThat(card.missing(List.of())).isEmpty();
        assertThat(card.missing(List.of("no_such_section"))).containsExactly("no_such_section");
        assertThat(card.hasSection("no_such_section")).isFalse();
    }

    @Test
    void contactsInModelDetailsCountAsTheContactsSection() {
        ModelCard card = ModelCard.parse("model_details:\n  contacts: [ml@example.com]\n", CardFormat.YAML);
        assertThat(card.hasSection("contacts")).isTrue();
        assertThat(card.sections()).containsExactly("model_details");
        assertThat(card.missing(DEFAULT_POLICY)).containsExactly("intended_use", "limitations", "risks");

        ModelCard emptyContacts = ModelCard.parse("model_details:\n  contacts: []\n  license: mit\n", CardFormat.YAML);
        assertThat(emptyContacts.hasSection("contacts")).isFalse();
        ModelCard textDetails = ModelCard.parse("model_details: \"contacts: none\"\n", CardFormat.YAML);
        assertThat(textDetails.hasSection("contacts")).isFalse();
    }

    @Test
    void sectionsAreListedInSchemaOrder() {
        ModelCard card = ModelCard.parse("notes: a\nrisks: b\nmodel_details: c\ncontacts: d\n", CardFormat.YAML);
        assertThat(card.sections()).containsExactly("model_details", "risks", "contacts", "notes");
        assertThat(CardSection.keys()).hasSize(11).startsWith("model_details").endsWith("contacts", "notes");
    }
}
