package dev.regent.core.card;

import java.util.Locale;
import java.util.regex.Pattern;

/** The text formats a model card can be written in. */
public enum CardFormat {
    JSON, YAML, MARKDOWN;

    private static final Pattern LEVEL_TWO_HEADING = Pattern.compile("(?m)^ {0,3}## ");
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---[ \\t]*\\R(?s:.*?)\\R(---|\\.\\.\\.)[ \\t]*(\\R|\\z)");

    /**
     * Guesses the format from the file name's extension ({@code .json}, {@code .yaml}/{@code .yml},
     * {@code .md}/{@code .markdown}); without a known extension (the name may be null), from the text: an opening
     * brace is JSON, a {@code # } first line, a {@code ## } heading or a closed {@code ---} front matter block is
     * Markdown, anything else YAML.
     */
    public static CardFormat detect(String fileName, String text) {
        if (fileName != null) {
            String name = fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                return JSON;
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return MARKDOWN;
            }
        }
        String body = text == null ? "" : text.stripLeading().replace("\uFEFF", "");
        if (body.startsWith("{")) {
            return JSON;
        }
        if (body.startsWith("# ") || LEVEL_TWO_HEADING.matcher(body).find() || FRONT_MATTER.matcher(body).find()) {
            return MARKDOWN;
        }
        return YAML;
    }
}
