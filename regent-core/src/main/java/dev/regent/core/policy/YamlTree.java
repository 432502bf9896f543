package dev.regent.core.policy;

import dev.regent.core.error.RegentException;
import dev.regent.core.input.BoundedYaml;
import dev.regent.core.input.InputLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

/**
 * Reads a YAML document as a tree of nodes that remember their line, so every policy error can say
 * "file:line: what is wrong". Only plain mappings, sequences and scalars; no tags, no anchors beyond a small limit.
 */
final class YamlTree {
    private final String source;

    YamlTree(String source) {
        this.source = source;
    }

    Node parse(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(InputLimits.POLICY_MAX_ALIASES).setAllowRecursiveKeys(false)
                .setCodePointLimit(InputLimits.POLICY_MAX_CHARS + 1).build();
        try {
            int deep = BoundedYaml.tooDeepAt(text, settings);
            if (deep > 0) {
                throw new RegentException(dev.regent.core.error.ErrorCode.INVALID_ARGUMENT, source + ":" + deep
                        + ": the policy is nested more than " + InputLimits.YAML_MAX_DEPTH + " levels deep");
            }
            Optional<Node> node = new Compose(settings).composeString(text);
            return node.orElseThrow(() -> error(null, "the policy is empty"));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new RegentException(dev.regent.core.error.ErrorCode.INVALID_ARGUMENT,
                    source + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new RegentException(dev.regent.core.error.ErrorCode.INVALID_ARGUMENT, source + ": invalid YAML: " + e.getMessage());
        }
    }

    RegentException error(Node at, String message) {
        String line = at == null ? "" : at.getStartMark().map(Mark::getLine).map(l -> ":" + (l + 1)).orElse("");
        return new RegentException(dev.regent.core.error.ErrorCode.INVALID_ARGUMENT, source + line + ": " + message);
    }

    /** The entries of a mapping, in order, with their key nodes; duplicate keys are an error. */
    Map<String, Entry> mapping(Node node, String what) {
        if (node instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null"))) {
            return Map.of();
        }
        if (!(node instanceof MappingNode m)) {
            throw error(node, what + " must be a mapping");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), "a key in " + what);
            if (!seen.add(key)) {
                throw error(t.getKeyNode(), what + " has '" + key + "' twice");
            }
            entries.put(key, new Entry(t.getKeyNode(), t.getValueNode()));
        }
        return entries;
    }

    List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode s)) {
            throw error(node, what + " must be a list");
        }
        return new ArrayList<>(s.getValue());
    }

    String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be a single value");
        }
        return s.getValue();
    }

    List<String> scalars(Node node, String what) {
        List<String> values = new ArrayList<>();
        for (Node item : sequence(node, what)) {
            values.add(scalar(item, "each item of " + what));
        }
        return values;
    }

    /** A mapping entry: the key's node (for its line) and the value's. */
    record Entry(Node key, Node value) {
    }
}
