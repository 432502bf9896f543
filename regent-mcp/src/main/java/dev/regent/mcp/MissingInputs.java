package dev.regent.mcp;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.registry.Page;
import dev.regent.core.registry.RegistrySession;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The required inputs a change call left out, and the elicitation request that asks the user for exactly those: a
 * flat form (strings and integers, as the protocol's elicitation allows), with the choices where they are known — the
 * stages, the versions the model has. Asked only when every other argument is fine, so the user is never asked to fill
 * in something the call would be refused for anyway.
 */
final class MissingInputs {
    /** Above this many versions the form asks for a number instead of offering every one. */
    static final int MAX_VERSION_CHOICES = 100;
    /** Longest free text a form asks for: longer inputs (cards, evidence) are the agent's to give, not a form's. */
    static final int MAX_FORM_TEXT = 2000;

    private final ToolDef tool;
    private final List<Param> missing;

    private MissingInputs(ToolDef tool, List<Param> missing) {
        this.tool = tool;
        this.missing = List.copyOf(missing);
    }

    /**
     * The missing inputs of a change call that a form can ask for, or null when there is nothing to ask: the tool is
     * not a change, nothing is missing, a missing input is not a short text or a number, or the call has another
     * problem (then {@link Args#check} refuses it as usual, listing every problem).
     */
    static MissingInputs of(ToolDef tool, Map<String, Object> raw) {
        if (!tool.change()) {
            return null;
        }
        Map<String, Object> given = raw == null ? Map.of() : raw;
        List<Param> missing = tool.params().stream().filter(p -> p.required() && given.get(p.name()) == null).toList();
        if (missing.isEmpty() || !missing.stream().allMatch(MissingInputs::askable)) {
            return null;
        }
        List<Param> rest = tool.params().stream().map(p -> missing.contains(p)
                ? new Param(p.name(), p.type(), false, p.maxLength(), p.description(), p.choices()) : p).toList();
        try {
            Args.check(rest, given);
        } catch (RegentException otherProblems) {
            Args.check(tool.params(), given); // refuses with every problem, the missing inputs among them
        }
        return new MissingInputs(tool, missing);
    }

    private static boolean askable(Param p) {
        return p.type() == Param.Type.INTEGER || (p.type() == Param.Type.STRING && p.maxLength() <= MAX_FORM_TEXT);
    }

    /** Whether the client said it can answer form elicitations (an empty elicitation capability means forms). */
    static boolean supported(ClientCapabilities capabilities) {
        if (capabilities == null || capabilities.elicitation() == null) {
            return false;
        }
        ClientCapabilities.Elicitation e = capabilities.elicitation();
        return e.form() != null || e.url() == null;
    }

    /** The names of the missing inputs, in the tool's order. */
    List<String> names() {
        return missing.stream().map(Param::name).toList();
    }

    /** The request for exactly the missing inputs; versions offered are those the named model has. */
    ElicitFormRequest request(Map<String, Object> raw, RegistrySession session) {
        Map<String, Object> given = raw == null ? Map.of() : raw;
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Param p : missing) {
            properties.put(p.name(), property(p, given, session));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", names());
        StringBuilder message = new StringBuilder(tool.title()).append(": ");
        List<String> known = new ArrayList<>();
        tool.params().stream().filter(p -> given.get(p.name()) instanceof String || given.get(p.name()) instanceof Number)
                .forEach(p -> known.add(p.name() + " " + given.get(p.name())));
        if (!known.isEmpty()) {
            message.append(String.join(", ", known)).append(". ");
        }
        message.append("The agent did not say ").append(String.join(", ", names()))
                .append(". Give ").append(missing.size() == 1 ? "it" : "them").append(" to go on, or decline to change nothing.");
        return ElicitFormRequest.builder(message.toString(), schema).build();
    }

    private static Map<String, Object> property(Param p, Map<String, Object> given, RegistrySession session) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("title", p.name());
        property.put("description", p.description());
        if (p.type() == Param.Type.INTEGER) {
            List<String> versions = "version".equals(p.name()) ? versions(given, session) : List.of();
            if (!versions.isEmpty()) {
                property.put("type", "string");
                property.put("enum", versions);
            } else {
                property.put("type", "integer");
                property.put("minimum", 1);
            }
        } else {
            property.put("type", "string");
            if (!p.choices().isEmpty()) {
                property.put("enum", p.choices());
            } else {
                property.put("minLength", 1);
                property.put("maxLength", p.maxLength());
            }
        }
        return property;
    }

    /** The versions of the model the call names, as choices; none when the model is not named or has too many. */
    private static List<String> versions(Map<String, Object> given, RegistrySession session) {
        if (!(given.get("model") instanceof String name)) {
            return List.of();
        }
        Page<ModelVersion> page = session.versions(ModelName.of(name), null, MAX_VERSION_CHOICES);
        if (page.nextPageToken() != null) {
            return List.of();
        }
        return page.items().stream().map(v -> String.valueOf(v.number().value())).toList();
    }

    /** The call's arguments with the user's answers added (only the inputs that were asked for). */
    Map<String, Object> answered(Map<String, Object> raw, Map<String, Object> content) {
        Map<String, Object> merged = new LinkedHashMap<>(raw == null ? Map.of() : raw);
        if (content != null) {
            for (String name : names()) {
                Object value = content.get(name);
                if (value != null) {
                    merged.put(name, value);
                }
            }
        }
        return merged;
    }

    /** What the tool answers when the user declines or cancels: nothing changed, and which inputs were not given. */
    RegentException declined(String action) {
        String what = switch (action) {
            case "cancel" -> "the user cancelled";
            case "decline" -> "the user declined";
            default -> "no answer came to";
        };
        return RegentException.invalid(what + " the request for "
                + String.join(", ", names()) + ": nothing was changed. Call " + tool.name() + " again with "
                + String.join(", ", names().stream().map(n -> "'" + n + "'").toList()) + " to go on.");
    }
}
