package dev.regent.core.policy;

import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Stage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Parses a policy file (docs/policy.md). Everything is checked when the policy loads — unknown keys, gate kinds and
 * stages, CEL syntax and types, undeclared compliance tags — and every error names the file, the line and the gate,
 * so Regent never starts on a policy that would fail later.
 */
public final class PolicyParser {
    private static final Set<String> TOP_KEYS = Set.of("version", "compliance_tags", "default", "models");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern ALIAS_GLOB = Pattern.compile("[a-z0-9*?][a-z0-9._*?-]{0,127}");
    private final YamlTree yaml;
    private final String source;

    private PolicyParser(String source) {
        this.source = source;
        this.yaml = new YamlTree(source);
    }

    /** The longest policy text accepted, in characters: policies are read on every gate decision's first use. */
    public static final int MAX_CHARS = dev.regent.core.input.InputLimits.POLICY_MAX_CHARS;

    /** Parses and compiles the policy text; {@code source} names it in errors (a file path). */
    public static Policy parse(String text, String source) {
        if (text == null || text.length() > MAX_CHARS) {
            throw RegentException.invalid(source + ": the policy is " + (text == null ? "missing" : text.length()
                    + " characters long; the limit is " + MAX_CHARS));
        }
        return new PolicyParser(source).policy(text);
    }

    private Policy policy(String text) {
        Node root = yaml.parse(text);
        Map<String, YamlTree.Entry> top = yaml.mapping(root, "the policy");
        for (Map.Entry<String, YamlTree.Entry> e : top.entrySet()) {
            if (!TOP_KEYS.contains(e.getKey())) {
                throw yaml.error(e.getValue().key(), "unknown key '" + e.getKey() + "': the policy has " + String.join(", ",
                        new TreeMap<>(Map.of("compliance_tags", 1, "default", 1, "models", 1, "version", 1)).keySet()));
            }
        }
        if (top.containsKey("version") && !yaml.scalar(top.get("version").value(), "version").equals("1")) {
            throw yaml.error(top.get("version").value(), "unsupported policy version; this Regent reads version 1");
        }
        Map<String, List<EvidenceKind>> tags = complianceTags(top.get("compliance_tags"));
        TargetGates defaults = top.containsKey("default") ? section(top.get("default").value(), "default", tags) : TargetGates.NONE;
        Map<String, TargetGates> overrides = new LinkedHashMap<>();
        if (top.containsKey("models")) {
            for (Map.Entry<String, YamlTree.Entry> e : yaml.mapping(top.get("models").value(), "models").entrySet()) {
                String pattern = e.getKey();
                String problem = ModelPatterns.problem(pattern, overrides.keySet());
                if (problem != null) {
                    throw yaml.error(e.getValue().key(), problem);
                }
                overrides.put(pattern, section(e.getValue().value(), "models." + pattern, tags));
            }
        }
        return new Policy(source, text, tags, defaults, overrides);
    }

    private Map<String, List<EvidenceKind>> complianceTags(YamlTree.Entry entry) {
        Map<String, List<EvidenceKind>> tags = new TreeMap<>();
        if (entry == null) {
            return tags;
        }
        for (Map.Entry<String, YamlTree.Entry> e : yaml.mapping(entry.value(), "compliance_tags").entrySet()) {
            if (!TAG.matcher(e.getKey()).matches()) {
                throw yaml.error(e.getValue().key(), "'" + e.getKey() + "' is not a valid compliance tag name (a-z, 0-9, '_', '.', '-')");
            }
            List<EvidenceKind> kinds = new ArrayList<>();
            for (String kind : yaml.scalars(e.getValue().value(), "the evidence kinds of compliance tag '" + e.getKey() + "'")) {
                kinds.add(evidenceKind(kind, e.getValue().value()));
            }
            if (kinds.isEmpty()) {
                throw yaml.error(e.getValue().value(), "compliance tag '" + e.getKey() + "' names no evidence kind that supports it");
            }
            tags.put(e.getKey(), kinds);
        }
        return tags;
    }

    private TargetGates section(Node node, String where, Map<String, List<EvidenceKind>> tags) {
        Map<String, YamlTree.Entry> keys = yaml.mapping(node, where);
        Map<Stage, List<GateSpec>> stages = new EnumMap<>(Stage.class);
        Map<String, List<GateSpec>> aliases = new TreeMap<>();
        for (Map.Entry<String, YamlTree.Entry> e : keys.entrySet()) {
            switch (e.getKey()) {
                case "stages" -> {
                    for (Map.Entry<String, YamlTree.Entry> s : yaml.mapping(e.getValue().value(), where + ".stages").entrySet()) {
                        Stage stage;
                        try {
                            stage = Stage.parse(s.getKey());
                        } catch (RegentException ex) {
                            throw yaml.error(s.getValue().key(), ex.getMessage());
                        }
                        if (!stage.label().equals(s.getKey())) {
                            throw yaml.error(s.getValue().key(), "write the stage as '" + stage.label() + "'");
                        }
                        stages.put(stage, gates(s.getValue().value(), where + " " + stage.label(), tags));
                    }
                }
                case "aliases" -> {
                    for (Map.Entry<String, YamlTree.Entry> a : yaml.mapping(e.getValue().value(), where + ".aliases").entrySet()) {
                        String alias = a.getKey();
                        boolean glob = alias.indexOf('*') >= 0 || alias.indexOf('?') >= 0;
                        try {
                            if (!glob) {
                                AliasName.of(alias);
                            }
                        } catch (RegentException ex) {
                            throw yaml.error(a.getValue().key(), ex.getMessage());
                        }
                        if (glob && (!ALIAS_GLOB.matcher(alias).matches() || alias.chars().filter(c -> c == '*').count() > 8)) {
                            throw yaml.error(a.getValue().key(), "'" + alias + "' is not an alias name or glob (a-z, 0-9, '.', "
                                    + "'_', '-', with '*' and '?' as wildcards)");
                        }
                        aliases.put(alias, gates(a.getValue().value(), where + " alias " + alias, tags));
                    }
                }
                default -> throw yaml.error(e.getValue().key(), "unknown key '" + e.getKey() + "' in " + where
                        + ": a section has 'stages' and 'aliases'");
            }
        }
        return new TargetGates(stages, aliases);
    }

    private List<GateSpec> gates(Node node, String where, Map<String, List<EvidenceKind>> tags) {
        if (node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("~"))) {
            return List.of();
        }
        List<GateSpec> gates = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Node item : yaml.sequence(node, "the gates of " + where)) {
            Map<String, YamlTree.Entry> gate = yaml.mapping(item, "a gate of " + where);
            if (gate.size() != 1) {
                throw yaml.error(item, "each gate of " + where + " is one 'kind: {options}' entry, e.g. '- eval_report: {}'");
            }
            Map.Entry<String, YamlTree.Entry> only = gate.entrySet().iterator().next();
            if (!kinds.add(only.getKey())) {
                throw yaml.error(only.getValue().key(), "gate '" + only.getKey() + "' appears twice in " + where);
            }
            gates.add(gate(only.getKey(), only.getValue(), where, tags));
        }
        return gates;
    }

    private GateSpec gate(String kind, YamlTree.Entry entry, String where, Map<String, List<EvidenceKind>> tags) {
        String name = "gate '" + kind + "' of " + where;
        Node args = entry.value();
        switch (kind) {
            case "artifact_digest" -> {
                options(args, name, Set.of());
                return new GateSpec.ArtifactDigest();
            }
            case "eval_report" -> {
                Map<String, YamlTree.Entry> o = options(args, name, Set.of("require_passed", "metrics"));
                boolean requirePassed = o.containsKey("require_passed") && bool(o.get("require_passed").value(), name + ": require_passed");
                MetricsExpression metrics = null;
                if (o.containsKey("metrics")) {
                    try {
                        metrics = MetricsExpression.compile(yaml.scalar(o.get("metrics").value(), name + ": metrics"));
                    } catch (IllegalArgumentException e) {
                        throw yaml.error(o.get("metrics").value(), name + ": " + e.getMessage());
                    }
                }
                return new GateSpec.EvalReport(requirePassed, metrics);
            }
            case "approvals" -> {
                Map<String, YamlTree.Entry> o = options(args, name, Set.of("count", "roles", "principal_kinds"));
                int count = 1;
                if (o.containsKey("count")) {
                    String text = yaml.scalar(o.get("count").value(), name + ": count");
                    if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 100) {
                        throw yaml.error(o.get("count").value(), name + ": count must be a whole number from 1 to 100, got '" + text + "'");
                    }
                    count = Integer.parseInt(text);
                }
                Set<Role> roles = new LinkedHashSet<>();
                if (o.containsKey("roles")) {
                    for (String r : yaml.scalars(o.get("roles").value(), name + ": roles")) {
                        try {
                            roles.add(Role.parse(r));
                        } catch (RegentException e) {
                            throw yaml.error(o.get("roles").value(), name + ": " + e.getMessage());
                        }
                    }
                }
                // only people's approvals count unless the policy widens it: a CI token must not approve what a CI
                // job requested under another name
                Set<PrincipalKind> kinds = new LinkedHashSet<>();
                if (!o.containsKey("principal_kinds")) {
                    kinds.add(PrincipalKind.USER);
                } else {
                    for (String k : yaml.scalars(o.get("principal_kinds").value(), name + ": principal_kinds")) {
                        try {
                            kinds.add(PrincipalKind.valueOf(k.toUpperCase(java.util.Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw yaml.error(o.get("principal_kinds").value(), name + ": unknown principal kind '" + k
                                    + "': use user or service (agents never approve)");
                        }
                    }
                    if (kinds.isEmpty()) {
                        throw yaml.error(o.get("principal_kinds").value(), name + ": principal_kinds names no kind; "
                                + "leave it out for [user], or widen it explicitly: [user, service]");
                    }
                }
                return new GateSpec.Approvals(count, roles, kinds);
            }
            case "model_card" -> {
                Map<String, YamlTree.Entry> o = options(args, name, Set.of("sections"));
                if (!o.containsKey("sections")) {
                    throw yaml.error(args, name + ": name the required sections, e.g. { sections: [intended_use, limitations] }");
                }
                List<String> sections = yaml.scalars(o.get("sections").value(), name + ": sections");
                for (String s : sections) {
                    if (!s.matches("[a-z][a-z0-9_]{0,63}")) {
                        throw yaml.error(o.get("sections").value(), name + ": '" + s + "' is not a card section name");
                    }
                }
                return new GateSpec.ModelCard(sections);
            }
            case "compliance_tags" -> {
                List<String> names = listOrKey(args, "tags", name);
                for (String t : names) {
                    if (!tags.containsKey(t)) {
                        throw yaml.error(args, name + ": '" + t + "' is not declared under compliance_tags"
                                + (tags.isEmpty() ? "" : " (declared: " + String.join(", ", tags.keySet()) + ")"));
                    }
                }
                return new GateSpec.ComplianceTags(names);
            }
            case "evidence" -> {
                List<EvidenceKind> kinds = new ArrayList<>();
                for (String k : listOrKey(args, "kinds", name)) {
                    kinds.add(evidenceKind(k, args));
                }
                return new GateSpec.Evidence(kinds);
            }
            default -> throw yaml.error(entry.key(), "unknown gate kind '" + kind + "' in " + where
                    + ": use artifact_digest, eval_report, approvals, model_card, compliance_tags or evidence");
        }
    }

    private Map<String, YamlTree.Entry> options(Node args, String name, Set<String> allowed) {
        Map<String, YamlTree.Entry> o = yaml.mapping(args, name);
        for (Map.Entry<String, YamlTree.Entry> e : o.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw yaml.error(e.getValue().key(), name + ": unknown option '" + e.getKey() + "'"
                        + (allowed.isEmpty() ? " (it takes none)" : " (options: " + String.join(", ", new TreeMap<>(
                        allowed.stream().collect(java.util.stream.Collectors.toMap(x -> x, x -> x))).keySet()) + ")"));
            }
        }
        return o;
    }

    private List<String> listOrKey(Node args, String key, String name) {
        if (args instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
            return yaml.scalars(args, name);
        }
        Map<String, YamlTree.Entry> o = options(args, name, Set.of(key));
        if (!o.containsKey(key)) {
            throw yaml.error(args, name + ": give a list, e.g. [a, b], or { " + key + ": [a, b] }");
        }
        return yaml.scalars(o.get(key).value(), name + ": " + key);
    }

    private boolean bool(Node node, String what) {
        String v = yaml.scalar(node, what);
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw yaml.error(node, what + " must be true or false, got '" + v + "'");
    }

    private EvidenceKind evidenceKind(String kind, Node at) {
        try {
            return EvidenceKind.of(kind);
        } catch (RegentException e) {
            throw yaml.error(at, e.getMessage());
        }
    }
}
