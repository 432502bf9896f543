package dev.regent.core.card;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes a card as a Hugging Face README.md: YAML front matter, then the sections under the headings of Hugging
 * Face's model card template ("Model Details", "Uses", "Bias, Risks, and Limitations", "Training Details",
 * "Evaluation", "Model Card Contact"). Strings in the front matter are double-quoted, which YAML reads as JSON
 * strings, so no card text can break out of its field.
 */
final class HuggingFaceCard {
    private HuggingFaceCard() {
    }

    static String render(ModelCard card, String modelName, String license, List<String> tags) {
        String name = CardRendering.oneLine(modelName);
        StringBuilder out = new StringBuilder("---\n");
        String chosenLicense = license != null ? license : details(card, "license") instanceof String s ? s : null;
        if (chosenLicense != null && !chosenLicense.isBlank()) {
            out.append("license: ").append(quote(CardRendering.oneLine(chosenLicense))).append('\n');
        }
        if (!tags.isEmpty()) {
            out.append("tags:\n");
            tags.forEach(t -> out.append("- ").append(quote(CardRendering.oneLine(t))).append('\n'));
        }
        modelIndex(out, card, name);
        out.append("---\n\n");
        out.append("# ").append(name.isEmpty() ? "Model card" : name).append("\n\n");
        text(out, card.value(CardSection.NOTES.key()));
        section(out, "## Model Details", card.value(CardSection.MODEL_DETAILS.key()));
        group(out, "## Uses",
                "### Direct Use", card.value(CardSection.INTENDED_USE.key()),
                "### Out-of-Scope Use", card.value(CardSection.OUT_OF_SCOPE_USE.key()));
        group(out, "## Bias, Risks, and Limitations",
                "### Limitations", card.value(CardSection.LIMITATIONS.key()),
                "### Risks", card.value(CardSection.RISKS.key()),
                "### Ethical Considerations", card.value(CardSection.ETHICAL_CONSIDERATIONS.key()),
                "### Recommendations", card.value(CardSection.CAVEATS_AND_RECOMMENDATIONS.key()));
        group(out, "## Training Details", "### Training Data", card.value(CardSection.TRAINING_DATA.key()));
        section(out, "## Evaluation", card.value(CardSection.EVALUATION.key()));
        Object contacts = card.value(CardSection.CONTACTS.key());
        section(out, "## Model Card Contact", contacts != null ? contacts : details(card, "contacts"));
        return out.toString().stripTrailing() + "\n";
    }

    private static void modelIndex(StringBuilder out, ModelCard card, String name) {
        if (!(card.value(CardSection.EVALUATION.key()) instanceof Map<?, ?> evaluation)
                || !(evaluation.get("metrics") instanceof Map<?, ?> metrics) || metrics.isEmpty()) {
            return;
        }
        out.append("model-index:\n- name: ").append(quote(name)).append("\n  results:\n  - ");
        if (evaluation.get("task") instanceof String task) {
            out.append("task:\n      type: ").append(quote(CardRendering.oneLine(task))).append("\n    ");
        }
        if (evaluation.get("dataset") instanceof String dataset) {
            String d = quote(CardRendering.oneLine(dataset));
            out.append("dataset:\n      name: ").append(d).append("\n      type: ").append(d).append("\n    ");
        }
        out.append("metrics:\n");
        metrics.forEach((metric, value) -> out.append("    - type: ").append(quote((String) metric))
                .append("\n      name: ").append(quote((String) metric))
                .append("\n      value: ").append(CanonicalJson.number((BigDecimal) value)).append('\n'));
    }

    private static Object details(ModelCard card, String key) {
        return card.value(CardSection.MODEL_DETAILS.key()) instanceof Map<?, ?> d ? d.get(key) : null;
    }

    private static void section(StringBuilder out, String heading, Object value) {
        if (value != null) {
            out.append(heading).append("\n\n");
            text(out, value);
        }
    }

    private static void group(StringBuilder out, String heading, Object... subsections) {
        boolean any = false;
        for (int i = 1; i < subsections.length; i += 2) {
            any |= subsections[i] != null;
        }
        if (!any) {
            return;
        }
        out.append(heading).append("\n\n");
        for (int i = 0; i < subsections.length; i += 2) {
            section(out, (String) subsections[i], subsections[i + 1]);
        }
    }

    private static void text(StringBuilder out, Object value) {
        if (value != null) {
            out.append(CardRendering.block(value)).append("\n\n");
        }
    }

    private static String quote(String s) {
        return CanonicalJson.quote(s);
    }
}
