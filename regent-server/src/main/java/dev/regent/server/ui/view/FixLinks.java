package dev.regent.server.ui.view;

import dev.regent.core.report.Finding;
import java.util.Optional;

/**
 * Where in the UI a failing gate can be fixed: the gate's fix hint names a CLI command, and beside it the page offers
 * the form on the version page that does the same, when the signed-in principal may use it. An artifact digest is
 * fixed at registration, so its fix is a new version (the model page's register form).
 *
 * @param versionPage the version's page (its forms are anchors on it)
 * @param modelPage   the model's page
 * @param contribute  whether the principal may use the contributor's forms (card, evidence, tags, register)
 * @param decide      whether the principal may approve
 */
public record FixLinks(String versionPage, String modelPage, boolean contribute, boolean decide) {
    /** A link to the form that fixes the failing gate, with what it does. */
    public record Fix(String href, String label) {
    }

    public Optional<Fix> fix(Finding f) {
        if (f.passed() || !f.check().startsWith("gate ")) {
            return Optional.empty();
        }
        String gate = f.check().substring("gate ".length());
        if (contribute && gate.startsWith("eval_report")) {
            return Optional.of(new Fix(versionPage + "#evidence-form", "Attach an eval report"));
        }
        if (contribute && gate.startsWith("evidence")) {
            return Optional.of(new Fix(versionPage + "#evidence-form", "Attach evidence"));
        }
        if (contribute && gate.startsWith("model_card")) {
            return Optional.of(new Fix(versionPage + "#card-form", "Set the model card"));
        }
        if (contribute && gate.startsWith("compliance_tags")) {
            return Optional.of(new Fix(versionPage + "#tag-form", "Set a compliance tag"));
        }
        if (contribute && gate.startsWith("artifact_digest")) {
            return Optional.of(new Fix(modelPage + "#register-form", "Register a version with its artifact"));
        }
        if (gate.startsWith("approvals")) {
            return Optional.of(decide ? new Fix(versionPage + "#decision-form", "Approve (if you did not create or request it)")
                    : new Fix(versionPage + "#approvals-h", "See who has approved; an approver other than you must approve"));
        }
        return Optional.empty();
    }
}
