package dev.regent.cli;

import dev.regent.core.card.ModelCard;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code regent card template}: a fill-in Markdown skeleton with every section; needs no registry. */
@Command(name = "template", description = "Print a fill-in model card skeleton (Markdown) with every section.")
final class CardTemplate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        root.environment().out().print(ModelCard.template());
        root.environment().out().flush();
        return ExitCodes.OK;
    }
}
