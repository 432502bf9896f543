package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.model.Description;
import dev.regent.core.model.Tags;
import dev.regent.core.report.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Plan steps, changes and undo commands for description and tag edits, shared by models and versions. */
final class AnnotationSteps {
    private AnnotationSteps() {
    }

    static List<String> describe(String subject, Description oldD, Description newD, Tags oldT, Tags newT) {
        List<String> steps = new ArrayList<>();
        if (!oldD.equals(newD)) {
            steps.add("Set the description of " + subject + " (" + newD.text().length() + " characters).");
        }
        for (Map.Entry<String, String> e : newT.values().entrySet()) {
            String old = oldT.values().get(e.getKey());
            if (!Objects.equals(old, e.getValue())) {
                steps.add((old == null ? "Add tag " : "Change tag ") + e.getKey() + "=" + e.getValue() + " on " + subject + ".");
            }
        }
        for (String key : oldT.values().keySet()) {
            if (!newT.values().containsKey(key)) {
                steps.add("Remove tag " + key + " from " + subject + ".");
            }
        }
        if (steps.isEmpty()) {
            steps.add("Nothing to change: " + subject + " already has these annotations.");
        }
        return steps;
    }

    static List<Change> changes(String kind, String target, Description oldD, Description newD, Tags oldT, Tags newT) {
        List<Change> changes = new ArrayList<>();
        if (!oldD.equals(newD)) {
            changes.add(new Change(kind, target, "description set"));
        }
        for (Map.Entry<String, String> e : newT.values().entrySet()) {
            String old = oldT.values().get(e.getKey());
            if (!Objects.equals(old, e.getValue())) {
                changes.add(new Change("tag", target, e.getKey() + "=" + e.getValue() + (old == null ? " (added)" : " (was " + old + ")")));
            }
        }
        for (String key : oldT.values().keySet()) {
            if (!newT.values().containsKey(key)) {
                changes.add(new Change("tag", target, key + " removed"));
            }
        }
        return changes;
    }

    /** The command that restores the old annotations: re-set changed/removed tags, remove added ones, restore the description. */
    static String undoCommand(String prefix, Description oldD, Description newD, Tags oldT, Tags newT) {
        StringBuilder cmd = new StringBuilder(prefix);
        boolean any = false;
        if (!oldD.equals(newD)) {
            cmd.append(" --description ").append(Shell.quote(oldD.text()));
            any = true;
        }
        for (Map.Entry<String, String> e : oldT.values().entrySet()) {
            if (!Objects.equals(newT.values().get(e.getKey()), e.getValue())) {
                cmd.append(" --tag ").append(Shell.quote(e.getKey() + "=" + e.getValue()));
                any = true;
            }
        }
        for (String key : newT.values().keySet()) {
            if (!oldT.values().containsKey(key)) {
                cmd.append(" --untag ").append(Shell.quote(key));
                any = true;
            }
        }
        return any ? cmd.toString() : "(nothing to undo)";
    }
}
