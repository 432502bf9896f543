package dev.regent.server;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host names this server answers for, checked against every request's Host header: a page on another site that
 * resolves its own name to this server's address (DNS rebinding) then gets no answer, so a browser's same-origin
 * rule cannot be turned against a server bound to loopback. The names are those of the public URLs it is given
 * ({@code --public-url}), plus the loopback names when it listens on loopback or on every address. Without public
 * URLs, a server on every address answers any name (it cannot know its own; the start-up line says so).
 */
public record AllowedHosts(Set<String> names, boolean any) {
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1", "[::1]");

    public AllowedHosts {
        names = Set.copyOf(names);
    }

    /** The names for a server bound to {@code bindHost} with the given public URLs (none: empty list). */
    public static AllowedHosts of(String bindHost, List<URI> publicUrls) {
        Set<String> names = new TreeSet<>();
        String bind = bindHost.toLowerCase(Locale.ROOT);
        boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") || bind.isEmpty();
        boolean loopback = LOOPBACK.contains(bind) || bind.startsWith("127.");
        if (loopback || wildcard) {
            names.addAll(LOOPBACK);
        }
        if (!wildcard) {
            names.add(bind);
        }
        for (URI url : publicUrls) {
            if (url.getHost() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
                throw new IllegalArgumentException("a public URL is http(s)://HOST[:PORT], got '" + url + "'");
            }
            names.add(url.getHost().toLowerCase(Locale.ROOT));
        }
        return new AllowedHosts(names, wildcard && publicUrls.isEmpty());
    }

    /** Whether a request whose Host header is {@code header} is for this server (a missing header is not). */
    public boolean allows(String header) {
        if (any) {
            return true;
        }
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
        return names.contains(host);
    }
}
