package dev.regent.server.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.regent.api.RegentJson;
import dev.regent.api.mlflow.MlflowParams;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Registry;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.server.Call;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * One MLflow request: its parameters (query string for GET, JSON body otherwise), typed as Regent values, and the
 * translation of operation reports — applied passes, refused becomes the refusal's error with every failing check in
 * the message. Holds no rules.
 */
final class MlflowCall {
    /** The reason recorded for changes made through this API, which has no reason field. */
    static final String REASON = "through the MLflow-compatible API";

    private final Call call;
    private MlflowParams params;

    MlflowCall(Call call) {
        this.call = call;
    }

    Registry registry() {
        return call.registry();
    }

    Principal actor() {
        return call.actor();
    }

    Call call() {
        return call;
    }

    MlflowParams params() {
        if (params == null) {
            if (call.method().equals("GET")) {
                params = MlflowParams.ofQuery(call.queryParams());
            } else {
                try {
                    var tree = call.bodyTree();
                    // clients send DELETE parameters in the body; a body-less DELETE may carry them in the query
                    params = tree == null ? MlflowParams.ofQuery(call.queryParams()) : MlflowParams.ofBody(tree);
                } catch (JsonProcessingException e) {
                    // unreadable JSON (truncated, too deep, a number too long) is the client's error, in MLflow's shape
                    throw RegentException.invalid("Malformed request body: " + RegentJson.describe(e));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return params;
    }

    /** The model named by {@code field} (required). */
    ModelName model(String field) {
        return ModelName.of(params().required(field));
    }

    ModelName model() {
        return model("name");
    }

    /** The {@code version} parameter: MLflow sends it as a string that must parse as an integer. */
    VersionNumber version() {
        String raw = params().required("version");
        try {
            return VersionNumber.parse(raw.trim());
        } catch (RegentException e) {
            throw RegentException.invalid("Model version must be an integer, got '" + raw + "'");
        }
    }

    static Reason reason(String what) {
        return Reason.of(what + " " + REASON);
    }

    /** The report when applied; otherwise its refusal as an exception whose message lists each failing check. */
    OperationReport applied(OperationReport report, boolean transition) {
        call.observe(report, transition);
        if (report.outcome() == Outcome.APPLIED) {
            return report;
        }
        if (report.outcome() == Outcome.PLANNED) {
            throw new IllegalStateException("the MLflow API never asks for a dry run");
        }
        // every failing check with what would satisfy it, in the order the core evaluated them
        String failing = report.plan().preconditions().stream().filter(f -> !f.passed()).map(MlflowCall::describe)
                .collect(Collectors.joining("; "));
        // and which policy revision and gate set decided it (e.g. an alias not declared: gated like Production)
        String policy = report.plan().preconditions().stream().filter(f -> f.check().equals("policy in effect"))
                .map(f -> " (Policy " + f.detail() + ".)").findFirst().orElse("");
        String message = failing.isEmpty() ? report.summary() : "Regent refused this change. " + failing + "." + policy;
        throw new RegentException(report.refusal(), message);
    }

    private static String describe(Finding f) {
        String hint = f.check().contains("digest") ? " (through MLflow: create the version with the tag "
                + "'regent.digest' = 'sha256:…' — the digest can only be given at creation)" : "";
        return f.check() + ": " + f.detail() + hint;
    }
}
