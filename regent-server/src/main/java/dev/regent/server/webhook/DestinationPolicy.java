package dev.regent.server.webhook;

import dev.regent.core.text.ReadableText;
import dev.regent.core.webhook.DestinationCheck;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where webhooks may be sent. A URL's host is resolved (every time: at creation and before every attempt) and every
 * address it resolves to must be public: loopback, private, link-local, shared (CGNAT), multicast, reserved,
 * documentation and unspecified ranges, cloud metadata addresses, IPv6 unique-local, link-local, site-local and
 * multicast, IPv4-compatible/translated and 6to4/Teredo forms are refused, unless the operator allowed a range
 * ({@code regent serve --webhook-allow CIDR}). IPv4-mapped IPv6 addresses are checked as the IPv4 address they carry.
 * Hosts written as numbers in anything but dotted decimal (2130706433, 0x7f.1, 0177.0.0.1, 127.1) are refused
 * outright, whatever a resolver would make of them. {@code http:} is allowed only to allowed ranges. The sender
 * connects to the address vetted here, so a DNS answer that changes between check and connect cannot redirect it.
 */
public final class DestinationPolicy implements DestinationCheck {
    private static final Pattern NUMERIC_HOST = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*\\.?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Ranges no webhook is sent to unless allowed: not publicly routable, or not unicast, or metadata services. */
    private static final List<Cidr> BLOCKED_V4 = ranges("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    /** IPv6 must be global unicast (2000::/3), and not one of these special blocks inside it. */
    private static final Cidr GLOBAL_V6 = Cidr.parse("2000::/3");
    private static final List<Cidr> BLOCKED_V6 = ranges("2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20");

    /** Answers a host's addresses; the system resolver in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A destination that passed: the URL's parts and the one address to connect to. */
    public record Vetted(URI uri, String host, int port, boolean tls, InetAddress address) {
    }

    /** A refused destination, with the reason a person can act on. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final List<Cidr> allowed;
    private final Resolver resolver;

    public DestinationPolicy(List<Cidr> allowed, Resolver resolver) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /** The policy with the system resolver. */
    public static DestinationPolicy of(List<Cidr> allowed) {
        return new DestinationPolicy(allowed, InetAddress::getAllByName);
    }

    public List<Cidr> allowed() {
        return allowed;
    }

    @Override
    public Optional<String> refusal(String url) {
        try {
            vet(url);
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Checks the URL and resolves its host now; every resolved address must pass. Returns the address to use. */
    public Vetted vet(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("'" + ReadableText.escapeInline(url) + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("only https:// (and http:// to an allowed range) webhooks are sent");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("a webhook URL carries no user info");
        }
        String rawHost = uri.getHost();
        if (rawHost == null || rawHost.isEmpty()) {
            throw new Refused("the webhook URL names no host");
        }
        String host = rawHost.startsWith("[") && rawHost.endsWith("]") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        if (host.contains("%")) {
            throw new Refused("an IPv6 zone (" + ReadableText.escapeInline(host) + ") is not a webhook destination");
        }
        boolean literal = isIpLiteral(host);
        if (!literal && NUMERIC_HOST.matcher(host).matches()) {
            throw new Refused("host '" + ReadableText.escapeInline(host) + "' is a number in a form other than dotted "
                    + "decimal (a decimal, octal, hex or shortened IPv4 address); write the address as a.b.c.d");
        }
        String lookup = literal ? host : toAscii(host);
        InetAddress[] addresses;
        try {
            addresses = literal ? new InetAddress[] {InetAddress.getByName(host)} : resolver.resolve(lookup);
        } catch (UnknownHostException e) {
            throw new Refused("host '" + ReadableText.escapeInline(host) + "' does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("host '" + ReadableText.escapeInline(host) + "' does not resolve");
        }
        boolean tls = scheme.equals("https");
        for (InetAddress a : addresses) {
            boolean inAllowed = isAllowed(a);
            if (!inAllowed && !isPublic(a)) {
                throw new Refused("host '" + ReadableText.escapeInline(host) + "' resolves to " + a.getHostAddress()
                        + ", which is not a public address (loopback, private, link-local, metadata or reserved); an "
                        + "operator can allow a range with 'regent serve --webhook-allow CIDR'");
            }
            if (!tls && !inAllowed) {
                throw new Refused("http:// webhooks are sent only to ranges allowed with --webhook-allow; use https://");
            }
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        return new Vetted(uri, host, port, tls, addresses[0]);
    }

    private boolean isAllowed(InetAddress a) {
        return allowed.stream().anyMatch(c -> c.contains(a));
    }

    /** Whether an address is publicly routable unicast, outside every special-purpose block. */
    static boolean isPublic(InetAddress a) {
        if (a instanceof Inet4Address) {
            return BLOCKED_V4.stream().noneMatch(c -> c.contains(a));
        }
        return GLOBAL_V6.contains(a) && BLOCKED_V6.stream().noneMatch(c -> c.contains(a));
    }

    /** Whether the text is an IP address literal: dotted decimal IPv4, or IPv6 (brackets removed). */
    static boolean isIpLiteral(String host) {
        return DOTTED_QUAD.matcher(host).matches() || host.contains(":") && IPV6.matcher(host).matches();
    }

    private static String toAscii(String host) throws Refused {
        try {
            return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new Refused("host '" + ReadableText.escapeInline(host) + "' is not a valid host name");
        }
    }

    private static List<Cidr> ranges(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(Cidr::parse).toList();
    }
}
