package dev.regent.server.ui;

import dev.regent.core.text.ReadableText;
import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;

/**
 * jte's contextual HTML escaping, plus the registry's one text policy on output: every user value a page shows
 * (text or attribute) has its deceptive characters — bidirectional controls, a bare carriage return — written as a
 * visible escape ({@code \u202e}) before it is HTML-escaped. Input refuses them since issue 17, but text stored
 * before that, or arriving by a path that never checked it, must not reorder what a reviewer sees on the page.
 * Every template renders through this class, so no page can forget it.
 */
final class ReadableHtmlOutput extends OwaspHtmlTemplateOutput {
    ReadableHtmlOutput(TemplateOutput out) {
        super(out);
    }

    @Override
    public void writeUserContent(String value) {
        super.writeUserContent(ReadableText.escape(value));
    }
}
