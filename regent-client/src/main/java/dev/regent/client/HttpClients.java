package dev.regent.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/** The one way the clients make their {@link HttpClient}: no redirects followed, a connect timeout. */
final class HttpClients {
    /** How long a client waits to connect to the registry. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private HttpClients() {
    }

    /**
     * The client {@link #forRegistry} makes, made on the first call (once, whichever thread asks): a short command
     * that only reads never needs one (issue 18: its start was a sixth of such a command's time).
     */
    static Supplier<HttpClient> lazyForRegistry(URI base) {
        return new Supplier<>() {
            private HttpClient client;

            @Override
            public synchronized HttpClient get() {
                if (client == null) {
                    client = forRegistry(base);
                }
                return client;
            }
        };
    }

    /**
     * A client for a registry at {@code base}. For a plain http:// registry it is given a TLS context that cannot make
     * a connection at all instead of the JDK's default one, whose making (loading the security providers, working out
     * the cipher suites, reading the CA certificates) was a fifth of a short remote command's time (issue 18); since
     * redirects are never followed, such a client never speaks TLS, and if it ever tried, it would fail, never trust.
     * https:// registries get the default context, as before.
     */
    static HttpClient forRegistry(URI base) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("http".equalsIgnoreCase(base.getScheme())) {
            builder.sslContext(new NoTls()).sslParameters(new SSLParameters());
        }
        return builder.build();
    }

    /** A TLS context for a client that only speaks plain http: anything that would start TLS is refused. */
    static final class NoTls extends SSLContext {
        NoTls() {
            super(new Refusing(), null, "none");
        }
    }

    private static final class Refusing extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("this client talks to a plain http:// registry and makes no TLS "
                    + "connections");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException(refused());
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
