package dev.regent.core.card;

import dev.regent.core.model.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A model card, schema version 1: the documentation of a version, section by section (see {@link CardSection} and
 * docs/model-card.md). Immutable; two cards with the same content are equal and have the same canonical JSON and
 * digest, whatever format and layout they were written in.
 *
 * <p>A section holds Markdown text, a list or a map (nested up to {@value #MAX_DEPTH} levels). A section is
 * <em>present</em> when it is non-empty: text that is not blank once HTML comments (placeholders) are removed, or
 * a list or map with at least one non-empty item; numbers and booleans always count. Empty sections are dropped
 * when the card is read.
 */
public final class ModelCard {
    /** The schema version this registry writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** The largest card accepted, in UTF-8 bytes of its text. */
    public static final int MAX_BYTES = CardValues.MAX_BYTES;
    /** How deeply lists and maps may nest inside one section. */
    public static final int MAX_DEPTH = CardValues.MAX_DEPTH;

    private final SortedMap<String, Object> sections;
    private final String canonicalJson;

    ModelCard(SortedMap<String, Object> sections) {
        this.sections = Collections.unmodifiableSortedMap(new TreeMap<>(sections));
        this.canonicalJson = CanonicalJson.encode(SCHEMA_VERSION, this.sections);
    }

    /**
     * Reads a card written in the given format. Throws INVALID_ARGUMENT (with line and column when known) for
     * malformed text, unknown or duplicate sections, values of a shape the schema refuses, and cards over the
     * size or nesting limits.
     */
    public static ModelCard parse(String text, CardFormat format) {
        ModelCard card = read(text, format);
        CardRendering.checkNesting(card.toMarkdown("card"));
        return card;
    }

    private static ModelCard read(String text, CardFormat format) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        checkSize(text);
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<RawSection> raw = switch (format) {
            case JSON -> JsonCardReader.read(body);
            case YAML -> YamlCardReader.read(body, "YAML", 0);
            case MARKDOWN -> MarkdownCardReader.read(body);
        };
        return CardSchema.assemble(raw);
    }

    /**
     * Reads a stored card from its canonical JSON: {@code fromCanonicalJson(c.canonicalJson())} equals c. The
     * Markdown nesting limit is an input rule, adopted after some cards were stored: a stored card that exceeds it
     * still loads (its gates, its digest, its export), and {@link #toHtml} shows it as escaped text instead.
     */
    public static ModelCard fromCanonicalJson(String json) {
        return read(json, CardFormat.JSON);
    }

    /** A fill-in Markdown card with every section and a hint for each; it parses to a card with no sections. */
    public static String template() {
        return CardRendering.template();
    }

    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** The canonical JSON encoding: same content, same bytes (sorted keys, no whitespace, normalised numbers). */
    public String canonicalJson() {
        return canonicalJson;
    }

    /** SHA-256 of the canonical JSON's UTF-8 bytes: what approvals bind to and revisions record. */
    public Digest digest() {
        return Digest.sha256Of(canonicalJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the section is present and non-empty. {@code contacts} is also present when {@code model_details}
     * is a map with a non-empty {@code contacts} entry, so that contacts need not be written twice.
     */
    public boolean hasSection(String name) {
        if (sections.containsKey(name)) {
            return true;
        }
        return CardSection.CONTACTS.key().equals(name)
                && sections.get(CardSection.MODEL_DETAILS.key()) instanceof Map<?, ?> details
                && !CardValues.isEmpty(details.get("contacts"));
    }

    /** The sections the card has (present and non-empty), as written, in {@link CardSection} order. */
    public List<String> sections() {
        return Arrays.stream(CardSection.values()).map(CardSection::key).filter(sections::containsKey).toList();
    }

    /** The names among {@code required}, in their order, that {@link #hasSection} does not find. */
    public List<String> missing(List<String> required) {
        return required.stream().filter(name -> !hasSection(name)).toList();
    }

    /** The card as Markdown: {@code # title}, the notes, then one {@code ##} heading per present section. */
    public String toMarkdown(String title) {
        return CardRendering.markdown(this, title);
    }

    /**
     * The card as an HTML fragment. Raw HTML in any card text is escaped and link and image URLs other than
     * http, https, mailto and relative ones are dropped, so card text can never inject script into a page.
     */
    public String toHtml(String title) {
        return CardRendering.html(toMarkdown(title));
    }

    /**
     * The card as a Hugging Face README.md: YAML front matter (license, tags, and a model-index when the
     * evaluation section has metrics) and the sections under Hugging Face's usual headings. {@code license} may be
     * null to take {@code model_details.license}; {@code tags} may be empty.
     */
    public String toHuggingFace(String modelName, String license, List<String> tags) {
        return HuggingFaceCard.render(this, modelName, license, tags == null ? List.of() : tags);
    }

    /** The section's value (String, BigDecimal, Boolean, List or SortedMap, all unmodifiable), or null. */
    Object value(String section) {
        return sections.get(section);
    }

    private static void checkSize(String text) {
        if (text.length() > MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw CardValues.error("the card is larger than " + MAX_BYTES + " bytes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelCard other && canonicalJson.equals(other.canonicalJson);
    }

    @Override
    public int hashCode() {
        return canonicalJson.hashCode();
    }

    @Override
    public String toString() {
        return "ModelCard" + sections();
    }
}
