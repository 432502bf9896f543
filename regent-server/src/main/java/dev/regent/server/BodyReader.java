package dev.regent.server;

import dev.regent.api.ApiError;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads request bodies within a limit: a declared Content-Length over the limit is refused before a byte is read,
 * and a chunked body is cut off as soon as it passes the limit. Either way the answer is 413.
 */
final class BodyReader {
    private BodyReader() {
    }

    static byte[] read(Context ctx, long max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge(declared, max);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 256), max));
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > max) {
                    throw tooLarge(total, max);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw dev.regent.core.error.RegentException.invalid("the request body could not be read: " + e.getMessage());
        }
    }

    static ApiException tooLarge(long size, long max) {
        return new ApiException(ApiError.PAYLOAD_TOO_LARGE, "the request body is larger than this endpoint accepts ("
                + (size >= 0 ? size + " bytes; " : "") + "the limit is " + max + " bytes)", Map.of("limit_bytes", max));
    }

    /** Counts what passes through, so a blob store's size refusal can be told apart and answered with 413. */
    static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
