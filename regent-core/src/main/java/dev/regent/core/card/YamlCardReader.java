package dev.regent.core.card;

import dev.regent.core.input.BoundedYaml;
import dev.regent.core.input.InputLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a YAML card (or a Markdown card's front matter) safely: the document is only composed into nodes, never
 * constructed into objects, so no tag can instantiate a type; only the YAML 1.2 core schema's tags are accepted;
 * aliases are limited and expanded against the card's value budget, so that a "billion laughs" document fails.
 */
final class YamlCardReader {
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

    private YamlCardReader() {
    }

    /**
     * Reads the sections of one YAML document; {@code origin} names it in errors, {@code lineOffset} is the number
     * of lines before it in the file (a front matter starts after its {@code ---} line).
     */
    static List<RawSection> read(String text, String origin, int lineOffset) {
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(InputLimits.CARD_MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(CardValues.MAX_BYTES + 1)
                .setUseMarks(true)
                .build();
        try {
            int deep = BoundedYaml.tooDeepAt(text, settings);
            if (deep > 0) {
                throw CardValues.error("YAML" + in(origin) + " is nested more than " + InputLimits.YAML_MAX_DEPTH
                        + " levels deep", deep + lineOffset, 0);
            }
            Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
            if (!documents.hasNext()) {
                return List.of();
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                throw CardValues.error(origin + " holds more than one YAML document", lineOffset + 1, 0);
            }
            return new YamlCardReader.Reader(origin, lineOffset).sections(root);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            throw CardValues.error("malformed YAML" + in(origin) + ": " + e.getProblem(),
                    mark == null ? 0 : mark.getLine() + 1 + lineOffset, mark == null ? 0 : mark.getColumn() + 1);
        } catch (YamlEngineException e) {
            throw CardValues.error("malformed YAML" + in(origin) + ": " + e.getMessage());
        }
    }

    private static String in(String origin) {
        return origin.equals("YAML") ? "" : " in " + origin;
    }

    private static final class Reader {
        private final String origin;
        private final int lineOffset;
        private final CardValues.Budget budget = new CardValues.Budget();

        Reader(String origin, int lineOffset) {
            this.origin = origin;
            this.lineOffset = lineOffset;
        }

        List<RawSection> sections(Node root) {
            if (root instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
                return List.of();
            }
            if (!(root instanceof MappingNode mapping)) {
                throw CardValues.error(origin + " must be a mapping whose keys are section names", line(root), 0);
            }
            List<RawSection> sections = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = key(tuple.getKeyNode());
                sections.add(new RawSection(key, value(tuple.getValueNode(), 1), origin, line(tuple.getKeyNode())));
            }
            return sections;
        }

        private Object value(Node node, int depth) {
            int line = line(node);
            int column = column(node);
            budget.value(line, column);
            if (node instanceof MappingNode mapping) {
                CardValues.checkDepth(depth, line, column);
                checkTag(node, Tag.MAP);
                Map<String, Object> map = new TreeMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = key(tuple.getKeyNode());
                    if (map.containsKey(key)) {
                        throw CardValues.error("duplicate key '" + key + "' in " + origin, line(tuple.getKeyNode()),
                                column(tuple.getKeyNode()));
                    }
                    Object v = value(tuple.getValueNode(), depth + 1);
                    map.put(key, v);
                }
                map.values().removeIf(v -> v == null);
                return map;
            }
            if (node instanceof SequenceNode sequence) {
                CardValues.checkDepth(depth, line, column);
                checkTag(node, Tag.SEQ);
                List<Object> list = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    Object v = value(item, depth + 1);
                    if (v != null) {
                        list.add(v);
                    }
                }
                return list;
            }
            return scalar((ScalarNode) node);
        }

        private Object scalar(ScalarNode node) {
            int line = line(node);
            int column = column(node);
            Tag tag = node.getTag();
            if (!SCALAR_TAGS.contains(tag)) {
                throw CardValues.error("YAML tag " + tag + " is not allowed in a card", line, column);
            }
            String text = node.getValue();
            budget.chars(text.length(), line, column);
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.valueOf(text.equalsIgnoreCase("true"));
            }
            if (tag.equals(Tag.INT)) {
                return CardValues.number(new BigDecimal(integer(text, line, column)));
            }
            if (tag.equals(Tag.FLOAT)) {
                try {
                    return CardValues.number(new BigDecimal(text));
                } catch (NumberFormatException e) {
                    throw CardValues.error("'" + text + "' is not a finite number", line, column);
                }
            }
            CardValues.checkText(text, line, column);
            return CardValues.text(text);
        }

        private static BigInteger integer(String text, int line, int column) {
            try {
                String t = text.startsWith("+") ? text.substring(1) : text;
                if (t.startsWith("0x")) {
                    return new BigInteger(t.substring(2), 16);
                }
                if (t.startsWith("0o")) {
                    return new BigInteger(t.substring(2), 8);
                }
                return new BigInteger(t);
            } catch (NumberFormatException e) {
                throw CardValues.error("'" + text + "' is not an integer", line, column);
            }
        }

        private String key(Node node) {
            if (!(node instanceof ScalarNode scalar)) {
                throw CardValues.error("keys must be plain text in " + origin, line(node), column(node));
            }
            CardValues.checkKey(scalar.getValue(), line(node), column(node));
            return scalar.getValue();
        }

        private void checkTag(Node node, Tag expected) {
            if (!node.getTag().equals(expected)) {
                throw CardValues.error("YAML tag " + node.getTag() + " is not allowed in a card", line(node), column(node));
            }
        }

        private int line(Node node) {
            return node.getStartMark().map(m -> m.getLine() + 1 + lineOffset).orElse(0);
        }

        private static int column(Node node) {
            return node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
        }
    }
}
