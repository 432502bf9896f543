package dev.regent.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CardRenderingTest {

    @Test
    void markdownHasTheTitleNotesAndOneHeadingPerSection() {
        ModelCard card = ModelCard.parse(CardFixtures.JSON, CardFormat.JSON);
        String md = card.toMarkdown("fraud-detector v3");
        assertThat(md).startsWith("# fraud-detector v3\n\nScores card payments for fraud.\n\n## Model details\n");
        assertThat(md).contains("## Intended use\n\nRank payments for **manual review**.",
                "- False declines — Human review of every decline",
                "- Drift — Weekly monitoring\n  - **Severity:** high",
                "- **Owners:** \n  - risk-ml",
                "- **Metrics:** \n  - **Auc:** 0.93\n  - **Recall:** 0.81");
        assertThat(md.indexOf("## Limitations")).isLessThan(md.indexOf("## Risks"));
        assertThat(md).doesNotContain("## Notes", "## Contacts");
    }

    @Test
    void markdownOfATextCardReadsBackToTheSameCard() {
        ModelCard card = ModelCard.parse("""
                {"notes": "Summary.\\n\\n- a\\n- b", "intended_use": "Use *it*.", "contacts": "ml@example.com",
                 "caveats_and_recommendations": "### Sub\\n\\ntext"}""", CardFormat.JSON);
        assertThat(ModelCard.parse(card.toMarkdown("Title"), CardFormat.MARKDOWN)).isEqualTo(card);
    }

    @Test
    void htmlEscapesRawHtmlEverywhere() {
        ModelCard card = ModelCard.parse("""
                {"notes": "<script>alert(1)</script>",
                 "limitations": "inline <img src=x onerror=alert(2)> html",
                 "risks": [{"risk": "<script>alert(3)</script>", "mitigation": "<b>m</b>"}],
                 "model_details": {"<script>k</script>": "v"}}""", CardFormat.JSON);
        String html = card.toHtml("<script>alert(4)</script>");
        assertThat(html).doesNotContain("<script", "<img", "<b>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;",
                "&lt;script&gt;alert(4)&lt;/script&gt;");
    }

    @Test
    void htmlDropsDangerousLinkAndImageUrls() {
        ModelCard card = ModelCard.parse("""
                ## Limitations
                [click](javascript:alert(1)) [v](vbscript:x) [d](data:text/html;base64,PHNjcmlwdD4=)
                ![img](javascript:alert(2)) <javascript:alert(3)> [ok](https://example.com/a) [rel](docs/x.md)
                [mail](mailto:ml@example.com) [JS](JaVaScRiPt:alert(4))
                """, CardFormat.MARKDOWN);
        String html = card.toHtml("t");
        assertThat(html.toLowerCase()).doesNotContain("=\"javascript:", "=\"vbscript:", "=\"data:");
        assertThat(html).contains("<a rel=\"nofollow\" href=\"\">click</a>", "<img src=\"\" alt=\"img\" />");
        assertThat(html).contains("href=\"https://example.com/a\"", "href=\"docs/x.md\"",
                "href=\"mailto:ml@example.com\"");
    }

    @Test
    void huggingFaceExportHasFrontMatterAndItsHeadings() {
        ModelCard card = ModelCard.parse(CardFixtures.JSON.replace("\"dataset\": \"payments@v3\"",
                "\"dataset\": \"payments@v3\", \"task\": \"tabular-classification\""), CardFormat.JSON);
        String readme = card.toHuggingFace("fraud-detector", null, List.of("regent", "fraud"));
        assertThat(readme).startsWith("""
                ---
                license: "apache-2.0"
                tags:
                - "regent"
                - "fraud"
                model-index:
                - name: "fraud-detector"
                  results:
                  - task:
                      type: "tabular-classification"
                    dataset:
                      name: "payments@v3"
                      type: "payments@v3"
                    metrics:
                    - type: "auc"
                      name: "auc"
                      value: 0.93
                    - type: "recall"
                      name: "recall"
                      value: 0.81
                ---

                # fraud-detector

                Scores card payments for fraud.

                ## Model Details
                """);
        assertThat(readme).contains("## Uses\n\n### Direct Use\n\nRank payments",
                "## Bias, Risks, and Limitations\n\n### Limitations\n\nWeak on new merchants.",
                "### Risks\n\n- False declines — Human review of every decline",
                "## Training Details\n\n### Training Data\n\n", "## Evaluation\n\n",
                "## Model Card Contact\n\n- ml@example.com");
        assertThat(readme).doesNotContain("### Out-of-Scope Use", "### Recommendations");
        // the front matter is YAML a reader accepts
        String frontMatter = readme.substring(4, readme.indexOf("\n---\n", 4));
        assertThat(new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(frontMatter)).isInstanceOf(java.util.Map.class);
    }

    @Test
    void huggingFaceExportQuotesHostileTextAndTakesAnExplicitLicense() {
        ModelCard card = ModelCard.parse("notes: x\n", CardFormat.YAML);
        String readme = card.toHuggingFace("m\n---\nevil: true", "mit\"\nx: y", List.of());
        assertThat(readme).startsWith("---\nlicense: \"mit\\\" x: y\"\n---\n\n# m --- evil: true\n\nx\n");
        assertThat(readme).doesNotContain("model-index", "tags:");
    }

    @Test
    void theTemplateHasEverySectionAndReadsBackEmpty() {
        String template = ModelCard.template();
        for (CardSection section : CardSection.values()) {
            if (section != CardSection.NOTES) {
                assertThat(template).contains("\n## " + section.title() + "\n\n<!-- " + section.hint() + " -->");
            }
        }
        assertThat(template).contains(CardSection.NOTES.hint());
        assertThat(CardFormat.detect(null, template)).isEqualTo(CardFormat.MARKDOWN);
        ModelCard card = ModelCard.parse(template, CardFormat.MARKDOWN);
        assertThat(card.sections()).isEmpty();
        assertThat(card.missing(CardSection.keys())).isEqualTo(CardSection.keys());
    }

    @Test
    void aFilledTemplateHasTheFilledSections() {
        String filled = ModelCard.template()
                .replace("## Intended use\n\n", "## Intended use\n\nRanking payments.\n")
                .replace("## Risks\n\n", "## Risks\n\n- Drift — monitoring\n");
        ModelCard card = ModelCard.parse(filled, CardFormat.MARKDOWN);
        assertThat(card.sections()).containsExactly("intended_use", "risks");
        assertThat(card.canonicalJson()).contains("\"intended_use\":\"Ranking payments.\"");
    }
}
