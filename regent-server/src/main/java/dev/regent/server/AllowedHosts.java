package dev.regent.server;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The host names this server answers for, checked against every request's Host header: a page on another site that
 * resolves its own name to this server's address (DNS rebinding) then gets no answer, so a browser's same-origin
 * rule cannot be turned against a server bound to loopback. The names are those of the public URLs it is given
 * ({@code --public-url}), plus the loopback names when it listens on loopback or on every address. A server on every
 * address also answers for the machine's own names: each address of its network interfaces and its host name — so
 * a client reaching it by IP works out of the box — but a DNS name that points at it must be given with
 * {@code --public-url}: an attacker's domain resolved to this machine (rebinding) is otherwise answered with 421.
 */
public record AllowedHosts(Set<String> names) {
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1", "[::1]");

    public AllowedHosts {
        names = Set.copyOf(names);
    }

    /** The names for a server bound to {@code bindHost} with the given public URLs (none: empty list). */
    public static AllowedHosts of(String bindHost, List<URI> publicUrls) {
        return of(bindHost, publicUrls, MachineNames::current);
    }

    /** As above, with the machine's own names (its addresses and host names) from {@code machineNames}. */
    public static AllowedHosts of(String bindHost, List<URI> publicUrls, Supplier<Set<String>> machineNames) {
        Set<String> names = new TreeSet<>();
        String bind = bindHost.toLowerCase(Locale.ROOT);
        boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") || bind.isEmpty();
        boolean loopback = LOOPBACK.contains(bind) || bind.startsWith("127.");
        if (loopback || wildcard) {
            names.addAll(LOOPBACK);
        }
        if (wildcard) {
            for (String name : machineNames.get()) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        } else {
            names.add(bind);
        }
        for (URI url : publicUrls) {
            if (url.getHost() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
                throw new IllegalArgumentException("a public URL is http(s)://HOST[:PORT], got '" + url + "'");
            }
            names.add(url.getHost().toLowerCase(Locale.ROOT));
        }
        Set<String> normalized = new TreeSet<>();
        names.forEach(name -> normalized.add(ipv6(name)));
        return new AllowedHosts(normalized);
    }

    /** Whether a request whose Host header is {@code header} is for this server (a missing header is not). */
    public boolean allows(String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        String host = header.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(0, end + 1);
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0 && host.indexOf(':') == colon) {
                host = host.substring(0, colon);
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return names.contains(ipv6(host));
    }

    /** One spelling per IPv6 literal ("[::1]" and "[0:0::1]" are one address); any other name as it is. */
    private static String ipv6(String name) {
        if (!name.startsWith("[") || !name.endsWith("]") || name.indexOf(':') < 0) {
            return name;
        }
        String inner = name.substring(1, name.length() - 1);
        if (!inner.matches("[0-9a-fA-F:.]+")) {
            return name;
        }
        try {
            // a literal (only hex digits, colons and dots): parsed, never looked up
            return "[" + java.net.InetAddress.getByName(inner).getHostAddress() + "]";
        } catch (java.net.UnknownHostException e) {
            return name;
        }
    }
}
