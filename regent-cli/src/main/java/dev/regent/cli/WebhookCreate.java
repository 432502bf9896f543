package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.api.WebhookWires;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regent webhook create --url URL --events E,… [--model M] [--format regent|mlflow] [--description D]}: prints the
 * report, then the id and the signing secret, once.
 */
@Command(name = "create", description = "Create a webhook; its signing secret is shown once.")
final class WebhookCreate extends RegistryCommand {
    @Option(names = "--url", paramLabel = "URL", description = "Where to POST events (https://; http:// only to allowed ranges).")
    String url;

    @Option(names = "--events", paramLabel = "E,…", split = ",",
            description = "Event names (e.g. model_version.stage_transitioned), MLflow's names, or * for all.")
    List<String> events;

    @Option(names = "--model", paramLabel = "M", description = "Only this model's events (default: every model; admins only).")
    String model;

    @Option(names = "--format", paramLabel = "F", description = "regent (default) or mlflow (MLflow 3's body and events).")
    String format;

    @Option(names = "--description", paramLabel = "D", description = "What the webhook is for.")
    String description;

    @Override
    void prepare(MissingInputs inputs) {
        url = inputs.require("--url", url);
        if (events == null || events.isEmpty()) {
            events = List.of(inputs.require("--events", null));
        }
    }

    @Override
    void validate() {
    }

    @Override
    int run(Session session) {
        return WebhookVerb.created(WebhookAccess.of(session, root()).create(
                new WebhookWires.Create(url, events, model, format, description), dryRun()), json(), out());
    }
}
