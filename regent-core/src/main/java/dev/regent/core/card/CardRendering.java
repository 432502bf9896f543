package dev.regent.core.card;

import dev.regent.core.input.InputLimits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders cards as Markdown and HTML, and writes the fill-in template. Structured values become bullet lists:
 * list items as bullets, map entries as "**Key:** value", and risks as "risk — mitigation".
 */
final class CardRendering {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .build();

    private CardRendering() {
    }

    static String markdown(ModelCard card, String title) {
        StringBuilder out = new StringBuilder();
        String heading = oneLine(title);
        if (!heading.isEmpty()) {
            out.append("# ").append(heading).append("\n\n");
        }
        Object notes = card.value(CardSection.NOTES.key());
        if (notes != null) {
            out.append(block(notes)).append("\n\n");
        }
        for (CardSection section : CardSection.values()) {
            Object value = card.value(section.key());
            if (value != null && section != CardSection.NOTES) {
                out.append("## ").append(section.title()).append("\n\n").append(block(value)).append("\n\n");
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    /**
     * Refuses Markdown that nests deeper than {@link InputLimits#MARKDOWN_MAX_DEPTH} (lists, quotes, emphasis,
     * links): rendering recurses once per level, so such text would overflow the stack where a page shows it.
     * The tree is walked without recursion.
     */
    static void checkNesting(String markdown) {
        checkLinePrefixes(markdown);
        Node root = PARSER.parse(markdown);
        Node node = root;
        int depth = 0;
        while (true) {
            Node child = node.getFirstChild();
            if (child != null) {
                node = child;
                if (++depth > InputLimits.MARKDOWN_MAX_DEPTH) {
                    throw CardValues.error("the card's Markdown is nested more than " + InputLimits.MARKDOWN_MAX_DEPTH
                            + " levels deep (lists, quotes, emphasis or links inside each other)");
                }
                continue;
            }
            while (node != root && node.getNext() == null) {
                node = node.getParent();
                depth--;
            }
            if (node == root) {
                return;
            }
            node = node.getNext();
        }
    }

    /**
     * Refuses a line that opens more than {@link InputLimits#MARKDOWN_MAX_DEPTH} list items or quotes ("- - - …",
     * "&gt; &gt; …"), in linear time and before the CommonMark parser, whose time grows with the square of such a line.
     */
    static void checkLinePrefixes(String markdown) {
        int n = markdown.length();
        int i = 0;
        while (i < n) {
            int p = i;
            int depth = 0;
            while (true) {
                while (p < n && (markdown.charAt(p) == ' ' || markdown.charAt(p) == '\t')) {
                    p++;
                }
                if (p >= n) {
                    break;
                }
                char c = markdown.charAt(p);
                int next = -1;
                if (c == '>') {
                    next = p + 1;
                } else if ((c == '-' || c == '*' || c == '+') && p + 1 < n && (markdown.charAt(p + 1) == ' '
                        || markdown.charAt(p + 1) == '\t')) {
                    next = p + 2;
                } else if (c >= '0' && c <= '9') {
                    int q = p;
                    while (q < n && q - p < 9 && markdown.charAt(q) >= '0' && markdown.charAt(q) <= '9') {
                        q++;
                    }
                    if (q + 1 < n && (markdown.charAt(q) == '.' || markdown.charAt(q) == ')')
                            && (markdown.charAt(q + 1) == ' ' || markdown.charAt(q + 1) == '\t')) {
                        next = q + 2;
                    }
                }
                if (next < 0) {
                    break;
                }
                p = next;
                if (++depth > InputLimits.MARKDOWN_MAX_DEPTH) {
                    throw CardValues.error("the card's Markdown is nested more than " + InputLimits.MARKDOWN_MAX_DEPTH
                            + " levels deep (a line opens that many list items or quotes)");
                }
            }
            int newline = markdown.indexOf('\n', p);
            i = newline < 0 ? n : newline + 1;
        }
    }

    /**
     * The Markdown as an HTML fragment; Markdown nested deeper than the limit (a card stored before the limit) is
     * shown as escaped preformatted text, since rendering it would recurse once per level.
     */
    static String html(String markdown) {
        try {
            checkNesting(markdown);
        } catch (dev.regent.core.error.RegentException tooDeep) {
            return "<p><em>This card nests deeper than " + InputLimits.MARKDOWN_MAX_DEPTH + " levels, so it is shown as "
                    + "text.</em></p>\n<pre>" + escapeHtml(markdown) + "</pre>\n";
        }
        return HTML.render(PARSER.parse(markdown));
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A section's value as a Markdown block: text as written, lists and maps as (nested) bullet lists. */
    static String block(Object value) {
        StringBuilder out = new StringBuilder();
        if (value instanceof List<?> list) {
            list(out, list, "");
        } else if (value instanceof Map<?, ?> map) {
            map(out, map, "");
        } else {
            out.append(scalar(value));
        }
        return out.toString().stripTrailing();
    }

    private static void list(StringBuilder out, List<?> items, String indent) {
        for (Object item : items) {
            out.append(indent).append("- ");
            if (item instanceof Map<?, ?> m && m.get("risk") instanceof String risk
                    && m.get("mitigation") instanceof String mitigation) {
                out.append(indented(risk + " — " + mitigation, indent + "  ")).append('\n');
                Map<Object, Object> rest = new TreeMap<>(m);
                rest.remove("risk");
                rest.remove("mitigation");
                map(out, rest, indent + "  ");
            } else {
                item(out, item, indent + "  ");
            }
        }
    }

    private static void map(StringBuilder out, Map<?, ?> map, String indent) {
        map.forEach((k, v) -> {
            out.append(indent).append("- **").append(humanise((String) k)).append(":** ");
            item(out, v, indent + "  ");
        });
    }

    private static void item(StringBuilder out, Object value, String indent) {
        if (value instanceof List<?> list) {
            out.append('\n');
            list(out, list, indent);
        } else if (value instanceof Map<?, ?> map) {
            out.append('\n');
            map(out, map, indent);
        } else {
            out.append(indented(scalar(value), indent)).append('\n');
        }
    }

    private static String indented(String text, String indent) {
        return text.replace("\n", "\n" + indent);
    }

    static String scalar(Object value) {
        return value instanceof BigDecimal n ? CanonicalJson.number(n) : String.valueOf(value);
    }

    private static String humanise(String key) {
        String words = key.replace('_', ' ').strip();
        return words.isEmpty() ? key : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    static String template() {
        StringBuilder out = new StringBuilder();
        out.append("# Model card\n\n");
        out.append("<!-- Regent model card, schema version ").append(ModelCard.SCHEMA_VERSION).append(".\n");
        out.append("     Write Markdown under each heading. Comments like this one are placeholders: they are ignored,\n");
        out.append("     so a section that holds only its comment counts as empty. Lists and maps may instead go in a\n");
        out.append("     YAML front matter block at the very top; a section must not be given both ways.\n");
        out.append("     Notes: ").append(CardSection.NOTES.hint()).append(" Write them here, above the first heading. -->\n");
        for (CardSection section : CardSection.values()) {
            if (section == CardSection.NOTES) {
                continue;
            }
            out.append("\n## ").append(section.title()).append("\n\n");
            out.append("<!-- ").append(section.hint()).append(" -->\n");
        }
        return out.toString();
    }
}
