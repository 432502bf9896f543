package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.output.Json;
import dev.regent.core.access.Role;
import dev.regent.core.approval.Approval;
import dev.regent.core.approval.ApprovalView;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code regent approvals MODEL VERSION}: every decision, and whether it still counts (current, stale, superseded). */
@Command(name = "approvals", description = "List approvals and rejections of a version and whether each still counts.")
final class ApprovalsCommand extends OneVersionCommand {
    @Override
    int run(Session session) {
        List<ApprovalView> views = session.registry().approvals(model, number);
        if (json()) {
            ArrayNode array = Json.array();
            for (ApprovalView v : views) {
                Approval a = v.approval();
                ArrayNode roles = Json.array();
                a.roles().forEach(r -> roles.add(r.label()));
                array.addObject().put("id", a.id()).put("target", a.target()).put("principal", a.principal().name())
                        .put("decision", a.decision().name()).put("status", v.status().name()).put("comment", a.comment())
                        .put("review_digest", a.reviewDigest().value()).put("asserted", a.asserted()).put("at", a.at().toString())
                        .set("roles", roles);
            }
            Json.print(Json.object().set("approvals", array), out());
            return ExitCodes.OK;
        }
        if (views.isEmpty()) {
            out().println("No approvals or rejections for " + model + "/" + number + ".");
            return ExitCodes.OK;
        }
        Table table = new Table("#", "FOR", "BY", "DECISION", "STATUS", "ROLES", "AT", "COMMENT");
        for (ApprovalView v : views) {
            Approval a = v.approval();
            table.row(Long.toString(a.id()), a.target(), a.principal().name() + (a.asserted() ? " (asserted)" : ""),
                    a.decision().name(), v.status().name(), a.roles().stream().map(Role::label).collect(Collectors.joining(",")),
                    a.at().toString(), Table.firstLine(a.comment()));
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
