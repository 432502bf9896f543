package dev.regent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a plain-http registry's client skips the JDK's default TLS context (costly to make); it can then make
 * no TLS connection at all, rather than one that trusts anybody. An https registry keeps the default context.
 */
class HttpClientsTest {
    @Test
    void anHttpsRegistryIsCheckedWithTheDefaultTrust() throws Exception {
        assertThat(HttpClients.forRegistry(URI.create("https://registry.example")).sslContext())
                .isSameAs(SSLContext.getDefault());
    }

    @Test
    void aPlainHttpRegistrysClientRefusesEveryTlsConnectionAndFollowsNoRedirect() throws Exception {
        var client = HttpClients.forRegistry(URI.create("http://127.0.0.1:8080"));
        assertThat(client.sslContext()).isInstanceOf(HttpClients.NoTls.class);
        assertThat(client.followRedirects()).isEqualTo(java.net.http.HttpClient.Redirect.NEVER);
        assertThatThrownBy(() -> client.sslContext().createSSLEngine()).isInstanceOf(UnsupportedOperationException.class);
        // an https URL given to it anyway: the connection is made, and TLS is refused rather than attempted
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            URI https = URI.create("https://127.0.0.1:" + listener.getLocalPort() + "/");
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(https).build(),
                    HttpResponse.BodyHandlers.discarding())).hasStackTraceContaining("makes no TLS connections");
        }
    }
}
