package dev.regent.cli.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * An upload's progress on stderr, for anything larger than {@link #THRESHOLD}: one line redrawn with '\r', at most
 * every percent. Shown only when stderr is a terminal (or REGENT_PROGRESS=1 asks for it), never into a pipe or a
 * test's captured output.
 */
public final class Progress {
    public static final long THRESHOLD = 4L << 20;
    private final PrintWriter err;
    private final boolean enabled;

    public Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Whether to show progress: REGENT_PROGRESS=1 forces it, =0 silences it, else only on a terminal. */
    public static boolean wanted(String setting) {
        if ("1".equals(setting)) {
            return true;
        }
        if ("0".equals(setting)) {
            return false;
        }
        return System.console() != null;
    }

    /** The stream, reporting as it is read when it is large enough and progress is on. */
    public InputStream track(InputStream in, String name, long total) {
        if (!enabled || total < THRESHOLD) {
            return in;
        }
        return new FilterInputStream(in) {
            private long read;
            private int shown = -1;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }

            private void advance(long n) {
                read += n;
                int percent = (int) Math.min(100, read * 100 / total);
                if (percent != shown) {
                    shown = percent;
                    err.print(String.format(Locale.ROOT, "\ruploading %s  %.1f / %.1f MB  %3d%%", name, read / 1e6, total / 1e6, percent));
                    if (percent == 100) {
                        err.println();
                    }
                    err.flush();
                }
            }
        };
    }
}
