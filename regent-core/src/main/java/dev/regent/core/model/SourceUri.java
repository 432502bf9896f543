package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a version's artifact came from, as a URI with a scheme ({@code s3://…}, {@code file:///…}, {@code runs:/…}),
 * or a bare absolute path ({@code /home/u/mlruns/1/…/model}), which is what MLflow's clients send when the tracking
 * server's artifact root is a local directory; it is kept exactly as given, so MLflow reads back what it wrote.
 * A source is a name: the registry records it and never opens it. Rejects control characters and any ".." path segment, even when hidden behind repeated percent-encoding
 * ({@code %2e%2e}, {@code %252e%252e}) or a backslash, because a source is later resolved by people and tools
 * that will not all normalise it the same way.
 */
public record SourceUri(String value) {
    public static final int MAX_LENGTH = 8192;
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.+", Pattern.DOTALL);
    private static final int MAX_DECODE_ROUNDS = 10;

    public SourceUri {
        Check.notBlank(value, "source URI");
        Check.maxLength(value, MAX_LENGTH, "source URI");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw RegentException.invalid("source URI contains a control character (code " + (int) c + ") at position " + i);
            }
        }
        boolean bare = isBarePath(value);
        if (!bare && !SCHEME.matcher(value).matches()) {
            throw RegentException.invalid("source URI '" + Check.printable(value)
                    + "' has no scheme: write it as a URI such as s3://bucket/model, or as an absolute path /abs/path");
        }
        String decoded = fullyDecoded(value);
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw RegentException.invalid("source URI hides a control character behind percent-encoding");
            }
        }
        // a bare path has no scheme to skip: every segment is path, ':' included
        String path = bare ? decoded : decoded.substring(decoded.indexOf(':') + 1);
        // '..' in any encoding, as for artifact paths: percent-encoded (above), written with characters that fold to
        // dots under NFKC (U+2025, U+FF0E), or carrying path parameters ("..;x", which some servers read as "..")
        // (an input rule, tightened in issue 17: a source stored before it still loads; the registry never fetches it)
        String[] forms = dev.regent.core.text.ReadableText.inputRulesApply()
                ? new String[] {path, java.text.Normalizer.normalize(path, java.text.Normalizer.Form.NFKC)} : new String[0];
        for (String form : forms) {
            for (String segment : form.split("[/\\\\?#]", -1)) {
                int parameters = segment.indexOf(';');
                if ((parameters < 0 ? segment : segment.substring(0, parameters)).equals("..")) {
                    throw RegentException.invalid("source URI '" + Check.printable(value) + "' contains a '..' path "
                            + "segment (after percent-decoding, Unicode compatibility folding and path parameters); give "
                            + "the path without '..'");
                }
            }
        }
    }

    public static SourceUri of(String value) {
        return new SourceUri(value);
    }

    /** One leading '/': "//host/share" is a network path (or a scheme-relative URL), not a local one, so it is refused. */
    private static boolean isBarePath(String value) {
        return value.startsWith("/") && !value.startsWith("//");
    }

    /** Percent-decodes until the string stops changing, so double-encoded traversal cannot slip through. */
    static String fullyDecoded(String text) {
        String current = text;
        for (int round = 0; round < MAX_DECODE_ROUNDS; round++) {
            String next = decodeOnce(current);
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        throw RegentException.invalid("source URI is percent-encoded more than " + MAX_DECODE_ROUNDS + " times over");
    }

    private static String decodeOnce(String text) {
        // URLDecoder would turn '+' into a space and fail on stray '%'; decode only well-formed %XX triplets.
        StringBuilder out = new StringBuilder(text.length());
        byte[] pending = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                pending[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
                i += 2;
                continue;
            }
            if (n > 0) {
                out.append(new String(pending, 0, n, StandardCharsets.UTF_8));
                n = 0;
            }
            out.append(c);
        }
        if (n > 0) {
            out.append(new String(pending, 0, n, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** The scheme in lowercase, e.g. "s3" or "file"; empty for a bare path. */
    public String scheme() {
        return isBarePath(value) ? "" : value.substring(0, value.indexOf(':')).toLowerCase(Locale.ROOT);
    }

    /** The scheme of the registry's own blob store: {@code regent-blob:sha256:<hex>} names content it holds. */
    public static final String REGISTRY_BLOB_SCHEME = "regent-blob";

    /** The URI of content stored in the registry's blob store under this digest. */
    public static SourceUri registryBlob(Digest digest) {
        return new SourceUri(REGISTRY_BLOB_SCHEME + ":" + digest.value());
    }

    /** For a {@code regent-blob:} source, the digest it names (INVALID_ARGUMENT when malformed); empty otherwise. */
    public Optional<Digest> registryBlobDigest() {
        if (!scheme().equals(REGISTRY_BLOB_SCHEME)) {
            return Optional.empty();
        }
        String rest = value.substring(value.indexOf(':') + 1);
        try {
            return Optional.of(Digest.parse(rest));
        } catch (RegentException e) {
            throw RegentException.invalid("source '" + Check.printable(value) + "' is not a registry blob URI: expected "
                    + REGISTRY_BLOB_SCHEME + ":sha256:<64 lowercase hex>");
        }
    }

    public boolean isLocalFile() {
        return scheme().equals("file");
    }

    /**
     * Whether this names a place on a filesystem (a bare absolute path or a {@code file:} URI): on the machine of
     * whoever reads it, which for a server is the client's machine, not the server's.
     */
    public boolean isLocalPath() {
        return isBarePath(value) || isLocalFile();
    }

    /** For a bare path, that path; for a {@code file:} source, the absolute path it names (decoded); else empty. */
    public Optional<Path> localPath() {
        if (isBarePath(value)) {
            return Optional.of(Path.of(value).normalize());
        }
        if (!isLocalFile()) {
            return Optional.empty();
        }
        String rest = value.substring("file:".length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String host = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                throw RegentException.invalid("file: source '" + Check.printable(value) + "' names host '" + host
                        + "'; only local files (file:///path) are allowed");
            }
            rest = slash < 0 ? "/" : rest.substring(slash);
        }
        String decoded = URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path path = Path.of(decoded);
        if (!path.isAbsolute()) {
            throw RegentException.invalid("file: source '" + Check.printable(value) + "' must name an absolute path");
        }
        return Optional.of(path.normalize());
    }

    @Override
    public String toString() {
        return value;
    }
}
