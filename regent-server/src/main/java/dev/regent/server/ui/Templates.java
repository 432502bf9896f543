package dev.regent.server.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The UI's templates (src/main/jte), compiled to Java classes at build time by jte's Maven plugin: no template
 * compiler runs in the server, and a template that does not type-check fails the build. Output is HTML with
 * contextual escaping: every value is escaped for where it lands (text, attribute), so user content renders as text,
 * with deceptive characters (bidi controls, a bare CR) made visible first ({@link ReadableHtmlOutput}).
 */
final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "dev.regent.server.ui.templates");

    /** Renders one template with its single view parameter into the response. */
    void render(Context ctx, int status, String template, Object view) {
        StringOutput out = new StringOutput();
        engine.render(template + ".jte", view, new ReadableHtmlOutput(out));
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        ctx.result(out.toString());
    }
}
