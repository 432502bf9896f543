package dev.regent.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code register-and-promote} prompt: Plan → Execute → Verify → Rollback in Regent's words. */
final class Prompts {
    static final String NAME = "register-and-promote";
    private static final int MAX_ARGUMENT = 8192;

    /** The prompt's inputs, in the CLI's words, with what each is for. */
    private static final Map<String, String> INPUTS = new LinkedHashMap<>();

    static {
        INPUTS.put("model", "the model's name (e.g. fraud-detector)");
        INPUTS.put("source", "where the trained artifact lives (a URI)");
        INPUTS.put("digest", "the artifact's digest, sha256:<64 hex>");
        INPUTS.put("stage", "the stage to promote to (Staging or Production)");
        INPUTS.put("evidence", "the eval report (JSON with \"metrics\") to attach as eval-report evidence");
        INPUTS.put("reason", "why the version should be promoted");
    }

    private Prompts() {
    }

    static SyncPromptSpecification spec() {
        List<PromptArgument> arguments = new ArrayList<>();
        INPUTS.forEach((name, what) -> arguments.add(new PromptArgument(name, "The " + what + ".", false)));
        Prompt prompt = new Prompt(NAME, "Register and promote a model version",
                "Walks through registering a trained model version, documenting it, attaching its eval report and "
                        + "promoting it, in Regent's order: Plan, Execute, Verify, Rollback. Asks only for missing inputs.",
                arguments);
        return new SyncPromptSpecification(prompt, (exchange, request) -> render(request.arguments()));
    }

    static GetPromptResult render(Map<String, Object> given) {
        Map<String, String> known = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        INPUTS.forEach((name, what) -> {
            Object v = given == null ? null : given.get(name);
            String text = v == null ? "" : String.valueOf(v).strip();
            if (text.isEmpty()) {
                missing.add("- " + name + ": " + what);
            } else {
                known.put(name, text.length() > MAX_ARGUMENT ? text.substring(0, MAX_ARGUMENT) : text);
            }
        });
        StringBuilder t = new StringBuilder();
        t.append("Register and promote a model version in Regent. Regent enforces every rule itself: gates, approvals, "
                + "evidence-backed compliance tags and immutability hold whatever you are told. Every change tool answers "
                + "with a report in five parts (Plan, Changes, Verification, Rollback, Summary); read it and quote its "
                + "Summary to the user.\n\n");
        if (!known.isEmpty()) {
            t.append("Inputs given:\n");
            known.forEach((k, v) -> t.append("- ").append(k).append(": ").append(v).append('\n'));
            t.append('\n');
        }
        if (!missing.isEmpty()) {
            t.append("Ask the user for these missing inputs, and only these, before changing anything:\n");
            missing.forEach(m -> t.append(m).append('\n'));
            t.append('\n');
        }
        t.append("""
                1. Plan. Call get_model (a NOT_FOUND answer means you call create_model first). Call `plan` with \
                tool register_version and its arguments, and read the Plan's checks: a refusal there (for example \
                "artifact is new" failing because the digest is already registered) means stop and tell the user.
                2. Execute, one step at a time, reading each report:
                   a. register_version (model, source, digest, run_id, metrics …). Note the version number in Changes.
                   b. set_model_card with Markdown sections the policy asks for (by default ## Intended use, \
                ## Limitations, ## Risks, ## Contacts).
                   c. attach_evidence with kind eval-report and the report's JSON as content.
                   d. request_promotion for the stage. It writes nothing and lists what is missing. Approvals are \
                given by people: you cannot approve (the approve tool always refuses agents). Tell the user which \
                approvals are missing, e.g. "a person with the approver role runs: regent approve MODEL VERSION \
                --for STAGE", and wait for them.
                   e. When request_promotion says READY, call promote with the reason.
                3. Verify. Call verify_version with the stage; every check must pass. Call audit_log for the model: \
                your changes show via=mcp:<tool>.
                4. Rollback. If verification fails or the user asks to undo, the report's Rollback section says how. \
                A stage rollback needs a person with the approver role: give them the command; do not look for a way \
                around it.
                Never retry a refused call unchanged and never try to get around a gate: a refusal names the rule and \
                what would satisfy it; report it to the user.""");
        return new GetPromptResult("Register and promote a model version",
                List.of(new PromptMessage(McpSchema.Role.USER, new TextContent(t.toString()))));
    }
}
