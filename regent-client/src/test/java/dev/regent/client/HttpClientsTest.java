package dev.regent.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** Issue 18: a plain-http registry's client skips the default TLS context; an https one keeps it. */
class HttpClientsTest {
    @Test
    void anHttpsRegistryIsCheckedWithTheDefaultTrust() throws Exception {
        assertThat(HttpClients.forRegistry(URI.create("https://registry.example")).sslContext())
                .isSameAs(SSLContext.getDefault());
    }

    @Test
    void aPlainHttpRegistryNeverGetsTheDefaultTrustAndFollowsNoRedirectToTls() throws Exception {
        var client = HttpClients.forRegistry(URI.create("http://127.0.0.1:8080"));
        assertThat(client.sslContext()).isNotSameAs(SSLContext.getDefault());
        assertThat(client.followRedirects()).isEqualTo(java.net.http.HttpClient.Redirect.NEVER);
    }
}
