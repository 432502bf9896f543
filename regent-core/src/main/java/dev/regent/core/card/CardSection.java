package dev.regent.core.card;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sections a model card may have in schema version 1, in the order they are rendered. The set is closed: a card
 * with any other section is refused, so that a misspelt heading never silently leaves a required section empty.
 */
public enum CardSection {
    MODEL_DETAILS("model_details", "Model details",
            "Who built the model and how to reach them: owners, contacts, license, version, references."),
    INTENDED_USE("intended_use", "Intended use",
            "What the model is for, who should use it, and in which setting."),
    OUT_OF_SCOPE_USE("out_of_scope_use", "Out-of-scope use",
            "Uses the model is not designed or validated for, and misuse to guard against."),
    LIMITATIONS("limitations", "Limitations",
            "Known technical limitations: inputs, populations or conditions where it performs poorly."),
    RISKS("risks", "Risks",
            "Each risk with its mitigation, e.g. \"- False declines of legitimate payments — manual review queue\"."),
    TRAINING_DATA("training_data", "Training data",
            "The datasets the model was trained on, with their version or digest, and how they were prepared."),
    EVALUATION("evaluation", "Evaluation",
            "How the model was evaluated: datasets, metrics and results; may reference an eval report evidence id."),
    ETHICAL_CONSIDERATIONS("ethical_considerations", "Ethical considerations",
            "Fairness, privacy and other ethical questions the model raises, and what was done about them."),
    CAVEATS_AND_RECOMMENDATIONS("caveats_and_recommendations", "Caveats and recommendations",
            "Anything else a user should know, and recommendations for safe use."),
    CONTACTS("contacts", "Contacts",
            "Who to contact about the model: names, teams, e-mail addresses or channels."),
    NOTES("notes", "Notes",
            "Free Markdown: a summary of the model and anything that fits no other section.");

    private final String key;
    private final String title;
    private final String hint;

    CardSection(String key, String title, String hint) {
        this.key = key;
        this.title = title;
        this.hint = hint;
    }

    /** The section's name in cards and policies, in snake_case ({@code intended_use}). */
    public String key() {
        return key;
    }

    /** The section's heading as people read it ({@code Intended use}). */
    public String title() {
        return title;
    }

    /** A one-line hint about what belongs in the section, used by the template. */
    public String hint() {
        return hint;
    }

    /** The section with this exact key, if there is one. */
    public static Optional<CardSection> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** Every section key of schema version 1, in rendering order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(CardSection::key).toList();
    }

    /**
     * The section key a Markdown heading names: case-insensitive, runs of spaces and hyphens read as one underscore,
     * so "Intended use", "intended-use" and "INTENDED_USE" all name {@code intended_use}. The result may be unknown.
     */
    public static String normaliseHeading(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_]+", "_");
    }
}
