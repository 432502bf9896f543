package dev.regent.cli.output;

import dev.regent.core.text.ReadableText;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Everything the CLI prints passes through here: characters that would make a terminal show something other than
 * what is stored (bidirectional controls, a bare carriage return, other controls) are written as escapes
 * ({@link ReadableText#escape}), whatever their origin. A carriage return directly followed by a line feed (a
 * Windows line end from println) is kept.
 */
public final class ReadableWriter extends FilterWriter {
    private boolean pendingCr;

    private ReadableWriter(Writer out) {
        super(out);
    }

    /** The writer, escaping; {@code autoFlush} as for a PrintWriter. */
    public static PrintWriter wrap(PrintWriter out, boolean autoFlush) {
        return out == null ? null : new PrintWriter(new ReadableWriter(out), autoFlush);
    }

    @Override
    public void write(int c) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write(c == '\n' ? "\r" : "\\r");
        }
        if (c == '\r') {
            pendingCr = true;
            return;
        }
        if (Character.isSurrogate((char) c) || !ReadableText.isDeceptive(c)) {
            out.write(c);
        } else {
            out.write(ReadableText.escape(String.valueOf((char) c)));
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(buffer[i]);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(text.charAt(i));
        }
    }

    @Override
    public void flush() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write("\\r");
        }
        out.flush();
    }
}
