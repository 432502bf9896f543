package dev.regent.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.ErrorWire;
import dev.regent.api.ReportWire;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the registry answered into tool results: a report as the CLI's text and as the JSON {@code --json}
 * prints (structured content), an error as its code, message and what would satisfy it. Refusals and bad input are
 * results with {@code isError: true}, never protocol errors, so the agent reads why.
 */
final class Results {
    // Jackson 2 builds the wire records' JSON (the same mapping the REST API and --json use); the SDK's Jackson 3
    // then serializes the resulting plain maps and lists.
    private static final ObjectMapper WIRE = new ObjectMapper();

    private final ReportRenderer renderer;

    Results(ReportRenderer renderer) {
        this.renderer = renderer;
    }

    /** A change's report: refused or failed verification is an error result; applied or planned is not. */
    CallToolResult report(OperationReport report) {
        StringBuilder text = new StringBuilder();
        if (report.outcome() == Outcome.REFUSED) {
            text.append("REFUSED (").append(report.refusalCode().map(ErrorCode::name).orElse("RULE_VIOLATION"))
                    .append("): nothing was changed.\n");
            List<Finding> failed = report.plan().preconditions().stream().filter(f -> !f.passed()).toList();
            if (!failed.isEmpty()) {
                text.append("Refused by:\n");
                failed.forEach(f -> text.append("- ").append(f.check()).append(": ").append(f.detail()).append('\n'));
                text.append("What would satisfy it: make each check above pass (the Plan's checks say what each needs), "
                        + "then call the tool again; use 'plan' to try without writing.\n");
            }
            text.append('\n');
        } else if (report.outcome() == Outcome.APPLIED && !report.verified()) {
            text.append("APPLIED, BUT VERIFICATION FAILED: read the Verification section.\n\n");
        }
        text.append(renderer.text(report));
        boolean error = report.outcome() == Outcome.REFUSED || !report.verified();
        return result(text.toString(), json(ReportWire.of(report)), error);
    }

    /** Bad input, a missing object, a denied permission: the code, the message and what would satisfy it. */
    CallToolResult error(RegentException e) {
        String text = "ERROR " + e.code().name() + ": " + e.getMessage() + "\n" + hint(e.code());
        return result(text, json(ErrorWire.of(e)), true);
    }

    /** A read's answer: text for people, the wire JSON as structured content. */
    CallToolResult data(String text, Object wire) {
        return result(text, json(wire), false);
    }

    /** A read-back check: an error result when any check failed, so the agent does not mistake it for success. */
    CallToolResult verification(String text, Object wire, boolean passed) {
        return result(text, json(wire), !passed);
    }

    static String hint(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> "Nothing was changed. Fix the argument as the message says and call again; the tool's "
                    + "input schema lists every argument and its limit.";
            case NOT_FOUND -> "Nothing was changed. Check the names with find_models, get_model and get_version.";
            case PERMISSION_DENIED -> "Nothing was changed; the attempt is recorded in the audit log. The agent's principal "
                    + "does not hold the role this needs. Approvals and rollbacks need a person with the approver role "
                    + "(e.g. 'regent approve MODEL VERSION --for STAGE'); agents never approve.";
            case UNAUTHENTICATED -> "Nothing was changed. The token is invalid, expired or revoked: restart 'regent mcp' "
                    + "with a valid --token.";
            case STALE_REVISION -> "Nothing was changed. Read the object again and retry.";
            case INTERNAL -> "The registry failed unexpectedly; the server's log has the details.";
            default -> "Nothing was changed. The message says which rule refused it.";
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Object wire) {
        return WIRE.convertValue(wire, LinkedHashMap.class);
    }

    static String jsonText(Object wire) {
        try {
            return WIRE.writerWithDefaultPrettyPrinter().writeValueAsString(wire);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static CallToolResult result(String text, Map<String, Object> structured, boolean error) {
        return CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(error).build();
    }
}
