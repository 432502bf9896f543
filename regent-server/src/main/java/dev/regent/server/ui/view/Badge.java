package dev.regent.server.ui.view;

import dev.regent.core.model.Stage;

/** The CSS class of a stage badge: one consistent colour per stage on every page. */
public final class Badge {
    private Badge() {
    }

    public static String of(Stage stage) {
        return "badge stage-" + stage.name().toLowerCase(java.util.Locale.ROOT);
    }
}
