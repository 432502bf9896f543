package dev.regent.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The address policy, attacked: every way of naming a private, loopback or metadata address is refused. */
class DestinationPolicyTest {
    private static final Map<String, String[]> DNS = Map.of(
            "public.example.test", new String[] {"93.184.215.14"},
            "public6.example.test", new String[] {"2606:2800:21f:cb07:6820:80da:af6b:8b2c"},
            "private.example.test", new String[] {"10.0.0.7"},
            "metadata.example.test", new String[] {"169.254.169.254"},
            "mapped.example.test", new String[] {"::ffff:127.0.0.1"},
            "split.example.test", new String[] {"93.184.215.14", "127.0.0.1"},
            "ula.example.test", new String[] {"fd00::1"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] answers = DNS.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[answers.length];
        for (int i = 0; i < answers.length; i++) {
            out[i] = InetAddress.getByName(answers[i]);
        }
        return out;
    }

    private final DestinationPolicy strict = new DestinationPolicy(List.of(), DestinationPolicyTest::resolve);
    private final DestinationPolicy loopbackAllowed = new DestinationPolicy(List.of(Cidr.parse("127.0.0.1/32")),
            DestinationPolicyTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/", "https://127.255.255.254/", "https://0.0.0.0/", "https://10.1.2.3/", "https://172.16.0.1/",
            "https://172.31.255.255/", "https://192.168.0.1/", "https://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/", "https://100.100.100.200/", "https://224.0.0.1/", "https://255.255.255.255/",
            "https://240.0.0.1/", "https://192.0.2.1/", "https://198.18.0.1/",
            "https://[::1]/", "https://[::]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:a9fe:a9fe]/",
            "https://[::127.0.0.1]/", "https://[fd00:ec2::254]/", "https://[fc00::1]/", "https://[fe80::1]/",
            "https://[ff02::1]/", "https://[64:ff9b::a00:1]/", "https://[2002:a00:1::]/", "https://[2001:db8::1]/",
            "https://[2001::1]/", "https://[fe80::1%25eth0]/",
            "https://2130706433/", "https://017700000001/", "https://0x7f000001/", "https://0x7f.0.0.1/",
            "https://0177.0.0.1/", "https://127.1/", "https://127.0.1/", "https://10.1/", "https://127.0.0.1./",
            "https://0/", "https://00.00.00.00/",
            "https://private.example.test/", "https://metadata.example.test/", "https://mapped.example.test/",
            "https://split.example.test/", "https://ula.example.test/", "https://unknown.example.test/",
            "https://user:pw@public.example.test/", "ftp://public.example.test/", "file:///etc/passwd",
            "gopher://public.example.test/", "http://public.example.test/", "https:///nohost"})
    void refuses(String url) {
        assertThat(strict.refusal(url)).as(url).isPresent();
    }

    @Test
    void acceptsPublicHttpsAndConnectsToTheAddressItVetted() throws Exception {
        DestinationPolicy.Vetted v = strict.vet("https://public.example.test:8443/hook?x=1");
        assertThat(v.address().getHostAddress()).isEqualTo("93.184.215.14");
        assertThat(v.port()).isEqualTo(8443);
        assertThat(v.tls()).isTrue();
        assertThat(strict.refusal("https://public6.example.test/")).isEmpty();
        assertThat(strict.refusal("https://93.184.215.14/")).isEmpty();
    }

    @Test
    void anAllowedRangeAdmitsExactlyThatRangeAndHttpOnlyThere() {
        assertThat(loopbackAllowed.refusal("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(loopbackAllowed.refusal("https://127.0.0.1/hook")).isEmpty();
        assertThat(loopbackAllowed.refusal("http://127.0.0.2/")).isPresent();
        assertThat(loopbackAllowed.refusal("https://[::ffff:127.0.0.1]/")).isEmpty();
        assertThat(loopbackAllowed.refusal("https://169.254.169.254/")).isPresent();
        assertThat(loopbackAllowed.refusal("https://2130706433/")).isPresent();
        assertThat(loopbackAllowed.refusal("http://public.example.test/")).as("http to a public address").isPresent();
        // a name with one allowed and one private answer is refused: every answer must pass
        assertThat(loopbackAllowed.refusal("https://split.example.test/")).isEmpty();
        assertThat(strict.refusal("https://split.example.test/")).isPresent();
    }

    @Test
    void rangesParseStrictly() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(addr("10.255.1.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(addr("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("fd00::/8").contains(addr("fd12::1"))).isTrue();
        assertThat(Cidr.parse("fd00::/8").contains(addr("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("127.0.0.1").prefix()).isEqualTo(32);
        for (String bad : List.of("localhost/32", "10.0.0.0/33", "10.0.0.0/-1", "example.com", "10.0.0.0/x", "")) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
