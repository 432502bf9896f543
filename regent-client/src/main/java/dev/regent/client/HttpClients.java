package dev.regent.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/** The one way the clients make their {@link HttpClient}: no redirects followed, a connect timeout. */
final class HttpClients {
    private HttpClients() {
    }

    /**
     * A client for a registry at {@code base}. For a plain http:// registry it is given a TLS context that trusts
     * nothing instead of the default one, whose making (reading and parsing the JDK's CA certificates) was a tenth of
     * a short command's time (issue 18); since redirects are never followed, such a client never speaks TLS, and if
     * it ever did, every handshake would fail rather than trust anyone. https:// registries get the default context.
     */
    static HttpClient forRegistry(URI base) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("http".equalsIgnoreCase(base.getScheme())) {
            try {
                SSLContext trustsNothing = SSLContext.getInstance("TLS");
                trustsNothing.init(null, new TrustManager[0], null);
                builder.sslContext(trustsNothing).sslParameters(new SSLParameters());
            } catch (GeneralSecurityException e) {
                // no TLS provider at all: the default context is then the only one to be had
            }
        }
        return builder.build();
    }
}
