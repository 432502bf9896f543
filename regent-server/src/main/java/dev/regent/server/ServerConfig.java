package dev.regent.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server listens and what it accepts. Every limit has a default that works on one machine; the page-token key
 * signs pagination cursors (HMAC-SHA256), so it must be secret and at least 32 bytes.
 *
 * @param host            address to bind (127.0.0.1 by default: expose deliberately)
 * @param port            port to bind; 0 picks a free one ({@link RegentServer#start()} returns it)
 * @param maxJsonBytes    largest JSON (or card text) body; larger ones are refused with 413 before they are read
 * @param maxUploadBytes  largest upload (evidence, one artifact file or manifest), streamed to the blob store; 413 beyond
 * @param maxHeaderBytes  largest request header block (Jetty answers 431 beyond it)
 * @param idleTimeout     how long a connection may stay silent mid-request before Jetty closes it
 * @param stopTimeout     how long {@link RegentServer#stop()} waits for in-flight requests
 * @param defaultPageSize page size when {@code page_size} is absent
 * @param maxPageSize     largest {@code page_size} accepted
 * @param pageTokenKey    HMAC key for page tokens
 * @param allowedHosts    the Host names requests must name (see {@link AllowedHosts})
 * @param runLinks        the web UI's links from a run id to the tracking server's run page (none by default)
 */
public record ServerConfig(String host, int port, long maxJsonBytes, long maxUploadBytes, int maxHeaderBytes,
                           Duration idleTimeout, Duration stopTimeout, int defaultPageSize, int maxPageSize,
                           byte[] pageTokenKey, AllowedHosts allowedHosts,
                           dev.regent.server.ui.RunLinks runLinks) {
    public static final long DEFAULT_MAX_JSON_BYTES = 1L << 20;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L << 20;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(pageTokenKey, "pageTokenKey");
        Objects.requireNonNull(allowedHosts, "allowedHosts");
        Objects.requireNonNull(runLinks, "runLinks");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (maxJsonBytes < 1024 || maxUploadBytes < 1 || maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("limits are too small to serve requests");
        }
        if (defaultPageSize < 1 || maxPageSize < defaultPageSize || maxPageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page sizes must satisfy 1 <= default <= max <= " + MAX_PAGE_SIZE);
        }
        if (pageTokenKey.length < 32) {
            throw new IllegalArgumentException("the page token key needs at least 32 bytes");
        }
        pageTokenKey = pageTokenKey.clone();
    }

    /** Defaults for everything but where to listen and the page-token key. */
    public static ServerConfig defaults(String host, int port, byte[] pageTokenKey) {
        return new ServerConfig(host, port, DEFAULT_MAX_JSON_BYTES, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_HEADER_BYTES,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_STOP_TIMEOUT, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageTokenKey,
                AllowedHosts.of(host, java.util.List.of()), dev.regent.server.ui.RunLinks.NONE);
    }

    public ServerConfig withMaxJsonBytes(long bytes) {
        return new ServerConfig(host, port, bytes, maxUploadBytes, maxHeaderBytes, idleTimeout, stopTimeout, defaultPageSize,
                maxPageSize, pageTokenKey, allowedHosts, runLinks);
    }

    public ServerConfig withMaxUploadBytes(long bytes) {
        return new ServerConfig(host, port, maxJsonBytes, bytes, maxHeaderBytes, idleTimeout, stopTimeout, defaultPageSize,
                maxPageSize, pageTokenKey, allowedHosts, runLinks);
    }

    public ServerConfig withTimeouts(Duration idle, Duration stop) {
        return new ServerConfig(host, port, maxJsonBytes, maxUploadBytes, maxHeaderBytes, idle, stop, defaultPageSize,
                maxPageSize, pageTokenKey, allowedHosts, runLinks);
    }

    /** Answers only requests for the host names of these public URLs (and loopback names when bound there). */
    public ServerConfig withPublicUrls(java.util.List<java.net.URI> urls) {
        return new ServerConfig(host, port, maxJsonBytes, maxUploadBytes, maxHeaderBytes, idleTimeout, stopTimeout,
                defaultPageSize, maxPageSize, pageTokenKey, AllowedHosts.of(host, urls), runLinks);
    }

    /** Links run ids in the web UI through this template (see {@link dev.regent.server.ui.RunLinks}). */
    public ServerConfig withRunLinks(dev.regent.server.ui.RunLinks links) {
        return new ServerConfig(host, port, maxJsonBytes, maxUploadBytes, maxHeaderBytes, idleTimeout, stopTimeout,
                defaultPageSize, maxPageSize, pageTokenKey, allowedHosts, links);
    }

    @Override
    public byte[] pageTokenKey() {
        return pageTokenKey.clone();
    }
}
