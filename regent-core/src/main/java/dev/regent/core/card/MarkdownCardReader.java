package dev.regent.core.card;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads a Markdown card: an optional YAML front matter between {@code ---} lines whose keys are sections, then
 * Markdown in which each top-level level-two heading starts the section it names (see
 * {@link CardSection#normaliseHeading}). Text before the first such heading, after an optional level-one title,
 * is the {@code notes} section. Headings inside code blocks, lists or quotes are content, as CommonMark says.
 */
final class MarkdownCardReader {
    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private MarkdownCardReader() {
    }

    static List<RawSection> read(String text) {
        List<String> lines = Arrays.asList(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        List<RawSection> sections = new ArrayList<>();
        int bodyStart = 0;
        if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
            int close = -1;
            for (int i = 1; i < lines.size(); i++) {
                String l = lines.get(i).stripTrailing();
                if (l.equals("---") || l.equals("...")) {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                throw CardValues.error("the front matter opened at line 1 is not closed by a '---' line", 1, 0);
            }
            sections.addAll(YamlCardReader.read(String.join("\n", lines.subList(1, close)), "front matter", 1));
            bodyStart = close + 1;
        }
        List<String> body = lines.subList(bodyStart, lines.size());
        sections.addAll(body(body, bodyStart));
        return sections;
    }

    private static List<RawSection> body(List<String> lines, int lineOffset) {
        String markdown = String.join("\n", lines);
        CardRendering.checkLinePrefixes(markdown);
        Node document = PARSER.parse(markdown);
        List<Heading> headings = new ArrayList<>();
        int contentStart = 0;
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading h && h.getLevel() == 2) {
                headings.add(h);
            } else if (block instanceof Heading h && h.getLevel() == 1 && block == document.getFirstChild()) {
                contentStart = lastLine(h) + 1;
            }
        }
        List<RawSection> sections = new ArrayList<>();
        int preambleEnd = headings.isEmpty() ? lines.size() : firstLine(headings.get(0));
        String preamble = CardValues.text(slice(lines, contentStart, preambleEnd));
        if (!preamble.isBlank()) {
            CardValues.checkText(preamble, contentStart + lineOffset + 1, 0);
            sections.add(new RawSection(CardSection.NOTES.key(), preamble, "the text before the first heading",
                    contentStart + lineOffset + 1));
        }
        for (int i = 0; i < headings.size(); i++) {
            Heading h = headings.get(i);
            int end = i + 1 < headings.size() ? firstLine(headings.get(i + 1)) : lines.size();
            int line = firstLine(h) + lineOffset + 1;
            String content = CardValues.text(slice(lines, lastLine(h) + 1, end));
            CardValues.checkText(content, line, 0);
            sections.add(new RawSection(CardSection.normaliseHeading(headingText(h)), content, "heading", line));
        }
        return sections;
    }

    private static String slice(List<String> lines, int from, int to) {
        return from >= to ? "" : String.join("\n", lines.subList(from, to));
    }

    private static int firstLine(Node node) {
        return node.getSourceSpans().get(0).getLineIndex();
    }

    private static int lastLine(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.get(spans.size() - 1).getLineIndex();
    }

    private static String headingText(Heading heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code c) {
                text.append(c.getLiteral());
            }
        });
        return text.toString();
    }
}
