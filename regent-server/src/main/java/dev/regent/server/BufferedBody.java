package dev.regent.server;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body read ahead (at most {@code limit} bytes) so that it can be looked at before the servlet that serves
 * the request reads it: {@link #request()} replays those bytes, then whatever the client sent beyond them, so the
 * servlet's own size limit still sees the whole body.
 */
record BufferedBody(byte[] bytes, HttpServletRequest request) {

    static BufferedBody of(HttpServletRequest request, int limit) throws IOException {
        ServletInputStream original = request.getInputStream();
        byte[] head = original.readNBytes(limit);
        InputStream replay = new SequenceInputStream(new ByteArrayInputStream(head), original);
        ServletInputStream stream = new ServletInputStream() {
            private boolean finished;

            @Override
            public int read() throws IOException {
                int b = replay.read();
                finished = b < 0;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = replay.read(b, off, len);
                finished = n < 0;
                return n;
            }

            @Override
            public boolean isFinished() {
                return finished;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("a read-ahead body is read blocking");
            }
        };
        HttpServletRequest wrapped = new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                return stream;
            }

            @Override
            public BufferedReader getReader() {
                String encoding = request.getCharacterEncoding();
                return new BufferedReader(new InputStreamReader(stream,
                        encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
            }
        };
        return new BufferedBody(head, wrapped);
    }
}
