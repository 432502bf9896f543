package dev.regent.core.input;

/**
 * The one place for the limits every parser of client input applies, so that oversize or deeply nested input is
 * refused with INVALID_ARGUMENT before it costs time, memory or stack. The JSON limits are applied by the native
 * and MLflow APIs' mapper ({@code RegentJson}) and, tighter where the document is smaller, by the card and
 * eval-report readers; the YAML limits by the policy and card readers; the search limits by the MLflow filter
 * parser. Limits of single values (names, descriptions, tags, URIs) stay with their value types.
 */
public final class InputLimits {
    /** Deepest nesting of JSON objects and arrays in a request body. */
    public static final int JSON_MAX_DEPTH = 64;
    /** Longest JSON string value, in characters. */
    public static final int JSON_MAX_STRING_LENGTH = 1 << 20;
    /** Longest JSON number literal, in characters. */
    public static final int JSON_MAX_NUMBER_LENGTH = 100;
    /** Longest JSON property name, in characters. */
    public static final int JSON_MAX_NAME_LENGTH = 1000;
    /** Largest JSON document, in bytes (the server's default JSON body limit matches it). */
    public static final int JSON_MAX_DOCUMENT_BYTES = 1 << 20;

    /**
     * Deepest nesting of YAML collections: checked on the parser's event stream before a document is composed,
     * because composing is recursive and a deep document would otherwise overflow the stack.
     */
    public static final int YAML_MAX_DEPTH = 32;
    /** Largest policy document, in characters. */
    public static final int POLICY_MAX_CHARS = 256 * 1024;
    /** Most aliases a policy may use. */
    public static final int POLICY_MAX_ALIASES = 10;

    /** Largest model card, in UTF-8 bytes. */
    public static final int CARD_MAX_BYTES = 256 * 1024;
    /** Deepest nesting of a card's values. */
    public static final int CARD_MAX_DEPTH = 10;
    /** Most values in a card, aliases expanded. */
    public static final int CARD_MAX_VALUES = 20_000;
    /** Longest key in a card. */
    public static final int CARD_MAX_KEY_LENGTH = 250;
    /** Most aliases a YAML card may use. */
    public static final int CARD_MAX_ALIASES = 20;
    /**
     * Deepest nesting of Markdown in a card (lists, quotes, emphasis, links): rendering is recursive, so a card that
     * nests deeper is refused when it is written, not when a page shows it.
     */
    public static final int MARKDOWN_MAX_DEPTH = 48;

    /** Largest eval report, in bytes. */
    public static final int EVAL_REPORT_MAX_BYTES = 1 << 20;
    /** Deepest nesting of an eval report. */
    public static final int EVAL_REPORT_MAX_DEPTH = 8;
    /** Longest string in an eval report. */
    public static final int EVAL_REPORT_MAX_STRING_LENGTH = 64 * 1024;

    /** Longest MLflow search filter, in characters. */
    public static final int FILTER_MAX_LENGTH = 16 * 1024;
    /** Most clauses joined by AND in one filter. */
    public static final int FILTER_MAX_CLAUSES = 100;
    /** Most values in one IN list. */
    public static final int FILTER_MAX_IN_VALUES = 1000;
    /** Most order_by clauses, and the longest one. */
    public static final int ORDER_BY_MAX_CLAUSES = 10;
    public static final int ORDER_BY_MAX_LENGTH = 256;
    /** Longest page token accepted (ours are far shorter). */
    public static final int PAGE_TOKEN_MAX_LENGTH = 2048;

    private InputLimits() {
    }
}
