package dev.regent.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCardParseTest {

    static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(String text, CardFormat format) {
        return assertThatThrownBy(() -> ModelCard.parse(text, format))
                .isInstanceOf(RegentException.class)
                .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void everyFormatReadsToTheSameCard() {
        ModelCard json = ModelCard.parse(CardFixtures.JSON, CardFormat.JSON);
        ModelCard yaml = ModelCard.parse(CardFixtures.YAML, CardFormat.YAML);
        ModelCard markdown = ModelCard.parse(CardFixtures.MARKDOWN, CardFormat.MARKDOWN);

        assertThat(yaml).isEqualTo(json);
        assertThat(markdown).isEqualTo(json);
        assertThat(markdown.canonicalJson()).isEqualTo(json.canonicalJson());
        assertThat(markdown.digest()).isEqualTo(json.digest());
        assertThat(json.sections()).containsExactly("model_details", "intended_use", "limitations", "risks",
                "training_data", "evaluation", "notes");
    }

    @Test
    void markdownWithoutFrontMatterMatchesJsonOfTheSameText() {
        String markdown = """
                # Title is not part of the card

                A summary.

                ## Intended use
                Internal ranking only.

                ## Out-of-scope use

                Credit decisions.
                ## Contacts
                - ml@example.com
                """;
        String json = """
                {"notes": "A summary.", "intended_use": "Internal ranking only.",
                 "out_of_scope_use": "Credit decisions.", "contacts": "- ml@example.com"}""";
        assertThat(ModelCard.parse(markdown, CardFormat.MARKDOWN)).isEqualTo(ModelCard.parse(json, CardFormat.JSON));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Intended use|intended_use",
            "INTENDED USE|intended_use",
            "intended-use|intended_use",
            "Out-of-scope use|out_of_scope_use",
            "Out of scope use|out_of_scope_use",
            "Caveats and  recommendations|caveats_and_recommendations",
            "model_details|model_details",
            "Ethical - considerations|ethical_considerations"})
    void headingsNameSectionsCaseInsensitivelyWithSpacesAndHyphensAsUnderscores(String heading, String key) {
        ModelCard card = ModelCard.parse("## " + heading + "\n\ntext\n", CardFormat.MARKDOWN);
        assertThat(card.sections()).containsExactly(key);
    }

    @Test
    void headingsWithClosingHashesOrInlineCodeAreRead() {
        ModelCard card = ModelCard.parse("## Risks ##\nx\n## `limitations`\ny\n", CardFormat.MARKDOWN);
        assertThat(card.sections()).containsExactly("limitations", "risks");
    }

    @Test
    void headingsInsideCodeBlocksAndDeeperHeadingsAreContent() {
        String markdown = """
                ## Limitations
                ```
                ## Not a section
                ```
                ### A sub-heading
                # A later level-one heading
                """;
        ModelCard card = ModelCard.parse(markdown, CardFormat.MARKDOWN);
        assertThat(card.sections()).containsExactly("limitations");
        assertThat(card.toMarkdown("t")).contains("## Not a section", "### A sub-heading", "# A later level-one heading");
    }

    @Test
    void textBeforeTheFirstHeadingIsNotesAndTheTitleIsDropped() {
        ModelCard card = ModelCard.parse("# My model\n\nHello.\n", CardFormat.MARKDOWN);
        assertThat(card.sections()).containsExactly("notes");
        assertThat(card.canonicalJson()).isEqualTo("{\"notes\":\"Hello.\",\"schema_version\":1}");
    }

    @Test
    void unknownSectionsAreRefusedByNameWithTheKnownOnes() {
        assertInvalid("## Intended usage\ntext\n", CardFormat.MARKDOWN)
                .hasMessageContaining("unknown section 'intended_usage'")
                .hasMessageContaining("intended_use, out_of_scope_use")
                .hasMessageContaining("line 1");
        assertInvalid("{\"intended_use\": \"x\",\n \"bias\": \"y\"}", CardFormat.JSON)
                .hasMessageContaining("unknown section 'bias'")
                .hasMessageContaining("line 2");
        assertInvalid("foo: bar\n", CardFormat.YAML).hasMessageContaining("unknown section 'foo'");
    }

    @Test
    void aSectionGivenTwiceIsRefused() {
        assertInvalid("---\nrisks: [{risk: a, mitigation: b}]\n---\n## Risks\nmore\n", CardFormat.MARKDOWN)
                .hasMessageContaining("section 'risks' is given twice")
                .hasMessageContaining("front matter at line 2")
                .hasMessageContaining("heading at line 4");
        assertInvalid("## Risks\na\n## risks\nb\n", CardFormat.MARKDOWN).hasMessageContaining("given twice");
        assertInvalid("## Intended use\na\n## Intended-Use\n", CardFormat.MARKDOWN).hasMessageContaining("given twice");
        assertInvalid("---\nnotes: x\n---\nAlso notes.\n", CardFormat.MARKDOWN).hasMessageContaining("'notes' is given twice");
        assertInvalid("{\"risks\": \"a\", \"risks\": \"b\"}", CardFormat.JSON).hasMessageContaining("Duplicate field 'risks'");
        assertInvalid("risks: a\nrisks: b\n", CardFormat.YAML).hasMessageContaining("given twice");
        assertInvalid("model_details:\n  owner: a\n  owner: b\n", CardFormat.YAML)
                .hasMessageContaining("duplicate key 'owner'").hasMessageContaining("line 3");
    }

    @Test
    void cardsOverTheSizeLimitAreRefused() {
        String big = "## Notes\n" + "x".repeat(ModelCard.MAX_BYTES);
        assertInvalid(big, CardFormat.MARKDOWN).hasMessageContaining("larger than 262144 bytes");
        String justUnder = "## Notes\n" + "é".repeat((ModelCard.MAX_BYTES - 20) / 2);
        assertThat(ModelCard.parse(justUnder, CardFormat.MARKDOWN).hasSection("notes")).isTrue();
        String multiByte = "## Notes\n" + "é".repeat(ModelCard.MAX_BYTES / 2);
        assertInvalid(multiByte, CardFormat.MARKDOWN).hasMessageContaining("larger than");
    }

    @Test
    void nestingDeeperThanTenLevelsIsRefused() {
        String ten = "[".repeat(10) + "\"x\"" + "]".repeat(10);
        assertThat(ModelCard.parse("{\"limitations\": " + ten + "}", CardFormat.JSON).hasSection("limitations")).isTrue();
        String eleven = "[".repeat(11) + "\"x\"" + "]".repeat(11);
        assertInvalid("{\"limitations\": " + eleven + "}", CardFormat.JSON).hasMessageContaining("nested more than 10");
        assertInvalid("limitations: " + eleven + "\n", CardFormat.YAML).hasMessageContaining("nested more than 10");
        String deep = "[".repeat(500) + "]".repeat(500);
        assertInvalid("{\"limitations\": " + deep + "}", CardFormat.JSON);
    }

    @Test
    void yamlAliasBombsAreRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        String bomb = "limitations:\n" + yaml.toString().indent(2);
        assertInvalid(bomb, CardFormat.YAML).hasMessageContaining("malformed YAML");
        String recursive = "limitations: &x [*x]\n";
        assertInvalid(recursive, CardFormat.YAML);
    }

    @Test
    void yamlAliasesWithinTheBudgetAreExpanded() {
        ModelCard card = ModelCard.parse("limitations: &l [a, b]\ncaveats_and_recommendations: *l\n", CardFormat.YAML);
        assertThat(card.canonicalJson()).contains("\"caveats_and_recommendations\":[\"a\",\"b\"]");
    }

    @Test
    void yamlTypeTagsAreRefused() {
        assertInvalid("limitations: !!java.net.URL [\"http://example.com\"]\n", CardFormat.YAML)
                .hasMessageContaining("tag");
        assertInvalid("limitations: !custom x\n", CardFormat.YAML).hasMessageContaining("tag");
        assertInvalid("limitations: !!binary aGVsbG8=\n", CardFormat.YAML).hasMessageContaining("tag");
    }

    @Test
    void malformedInputIsReportedWithItsLine() {
        assertInvalid("{\n  \"risks\": \"a\",\n  \"limitations\": \n}", CardFormat.JSON)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("line 4")
                .satisfies(e -> assertThat(((RegentException) e).details()).containsEntry("line", 4));
        assertInvalid("limitations: x\nrisks: [a, b\nnotes: y\n", CardFormat.YAML)
                .hasMessageContaining("malformed YAML")
                .satisfies(e -> assertThat(((RegentException) e).details()).containsKey("line"));
        assertInvalid("intended_use: x\n  bad: indentation\n", CardFormat.YAML).hasMessageContaining("line 2");
        assertInvalid("---\nrisks: ok\nlimitations: [\n---\n## Notes\n", CardFormat.MARKDOWN)
                .hasMessageContaining("front matter")
                .satisfies(e -> assertThat((Integer) ((RegentException) e).details().get("line")).isGreaterThanOrEqualTo(3));
        assertInvalid("---\nrisks: x\n## Notes\n", CardFormat.MARKDOWN).hasMessageContaining("not closed");
        assertInvalid("[\"a\"]", CardFormat.JSON).hasMessageContaining("must be an object");
        assertInvalid("{\"notes\": \"x\"} {}", CardFormat.JSON).hasMessageContaining("after the card");
        assertInvalid("- a\n- b\n", CardFormat.YAML).hasMessageContaining("mapping");
        assertInvalid("{\"notes\": NaN}", CardFormat.JSON).hasMessageContaining("malformed JSON");
        assertInvalid("limitations: [.nan]\n", CardFormat.YAML).hasMessageContaining("finite");
        assertInvalid("a: 1\n---\nb: 2\n", CardFormat.YAML).hasMessageContaining("more than one");
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreRefused() {
        assertInvalid("{\"notes\": \"a\\u0000b\"}", CardFormat.JSON).hasMessageContaining("control character");
        assertInvalid("{\"notes\": \"a\\ud800b\"}", CardFormat.JSON).hasMessageContaining("surrogate");
    }

    @Test
    void sectionShapesAreChecked() {
        assertInvalid("{\"limitations\": 3}", CardFormat.JSON).hasMessageContaining("must be Markdown text, a list or a map");
        assertInvalid("{\"limitations\": true}", CardFormat.JSON).hasMessageContaining("not a boolean");
        assertInvalid("risks:\n  - risk: a\n", CardFormat.YAML)
                .hasMessageContaining("item 1 must be a map with a non-empty 'risk' and a non-empty 'mitigation'");
        assertInvalid("risks:\n  - risk: a\n    mitigation: \"<!-- todo -->\"\n", CardFormat.YAML)
                .hasMessageContaining("mitigation");
        assertInvalid("risks: [plain text]\n", CardFormat.YAML).hasMessageContaining("item 1");
        assertInvalid("risks: {risk: a, mitigation: b}\n", CardFormat.YAML).hasMessageContaining("list of {risk, mitigation}");
        assertInvalid("evaluation: {eval_report: ev-123}\n", CardFormat.YAML).hasMessageContaining("evidence id");
        assertInvalid("evaluation: {metrics: {auc: high}}\n", CardFormat.YAML).hasMessageContaining("metric name to a number");
        assertInvalid("training_data: [{dataset: a, digest: md5:abc}]\n", CardFormat.YAML).hasMessageContaining("digest");
    }

    @Test
    void schemaVersionOneIsAcceptedAndOthersRefused() {
        assertThat(ModelCard.parse("schema_version: 1\nnotes: x\n", CardFormat.YAML).schemaVersion()).isEqualTo(1);
        assertThat(ModelCard.parse("{\"schema_version\": 1.0, \"notes\": \"x\"}", CardFormat.JSON).sections())
                .containsExactly("notes");
        assertInvalid("schema_version: 2\n", CardFormat.YAML).hasMessageContaining("schema_version 2 is not supported");
        assertInvalid("{\"schema_version\": \"1\"}", CardFormat.JSON).hasMessageContaining("not supported");
    }

    @Test
    void emptyInputsReadAsEmptyCards() {
        assertThat(ModelCard.parse("", CardFormat.MARKDOWN).sections()).isEmpty();
        assertThat(ModelCard.parse("", CardFormat.YAML).sections()).isEmpty();
        assertThat(ModelCard.parse("{}", CardFormat.JSON).sections()).isEmpty();
        assertInvalid("", CardFormat.JSON);
    }

    @Test
    void aByteOrderMarkAndCrLfLineEndingsAreIgnored() {
        ModelCard crlf = ModelCard.parse("\uFEFF## Limitations\r\nline one\r\nline two\r\n", CardFormat.MARKDOWN);
        assertThat(crlf).isEqualTo(ModelCard.parse("{\"limitations\":\"line one\\nline two\"}", CardFormat.JSON));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "card.json|x|JSON", "CARD.YML|x|YAML", "card.yaml|x|YAML", "README.md|x|MARKDOWN", "c.markdown|x|MARKDOWN",
            "|{\"notes\": 1}|JSON", "card.txt|# Title|MARKDOWN", "|intro\\n## Risks\\nx|MARKDOWN",
            "|---\\nrisks: x\\n---\\nbody|MARKDOWN", "|notes: x|YAML", "|---\\nnotes: x|YAML"})
    void formatsAreDetectedFromTheNameThenTheText(String name, String text, CardFormat expected) {
        assertThat(CardFormat.detect(name, text.replace("\\n", "\n"))).isEqualTo(expected);
    }
}
