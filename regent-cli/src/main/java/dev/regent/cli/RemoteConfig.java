package dev.regent.cli;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Where a remote registry is and the token to use: --registry/--token, else $REGENT_URL/$REGENT_TOKEN, else the
 * config file written by {@code regent login} ($REGENT_CONFIG, else $XDG_CONFIG_HOME/regent/config.yaml, else
 * ~/.config/regent/config.yaml). No URL anywhere means local mode.
 */
record RemoteConfig(URI url, String token) {

    static Optional<RemoteConfig> resolve(RegentCommand options) {
        CliEnvironment env = options.environment();
        if (options.local) {
            if (options.registry != null) {
                throw RegentException.invalid("--local and --registry contradict each other: give one");
            }
            return Optional.empty();
        }
        String url = options.registry != null ? options.registry : env.variable("REGENT_URL").orElse(null);
        String token = options.token != null ? options.token : env.variable("REGENT_TOKEN").orElse(null);
        if (url == null && options.data == null && options.db == null) {
            Optional<Map<String, String>> file = readFile(file(env));
            if (file.isPresent()) {
                url = file.get().get("registry");
                token = token != null ? token : file.get().get("token");
            }
        } else if (url != null && token == null) {
            // --registry naming the registry of the saved login: its token goes with it
            String given = url;
            token = readFile(file(env)).filter(saved -> saved.get("registry") != null
                    && sameRegistry(saved.get("registry"), given)).map(saved -> saved.get("token")).orElse(null);
        }
        if (url == null) {
            return Optional.empty();
        }
        if (token == null) {
            throw new RegentException(ErrorCode.UNAUTHENTICATED, "remote registry " + url + " needs a token: --token T, "
                    + "$REGENT_TOKEN, or 'regent login " + url + "'");
        }
        return Optional.of(new RemoteConfig(parseUrl(url), token));
    }

    /** Whether two registry URLs name the same registry (a trailing slash and the case of scheme and host aside). */
    static boolean sameRegistry(String a, String b) {
        try {
            URI x = parseUrl(a);
            URI y = parseUrl(b);
            return x.getScheme().equalsIgnoreCase(y.getScheme()) && x.getHost().equalsIgnoreCase(y.getHost())
                    && x.getPort() == y.getPort() && java.util.Objects.equals(x.getPath(), y.getPath());
        } catch (RegentException e) {
            return false;
        }
    }

    static URI parseUrl(String url) {
        try {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw RegentException.invalid("invalid registry URL '" + url + "': expected http(s)://host[:port]");
        }
    }

    static Path file(CliEnvironment env) {
        return env.variable("REGENT_CONFIG").map(Path::of)
                .or(() -> env.variable("XDG_CONFIG_HOME").map(x -> Path.of(x, "regent", "config.yaml")))
                .orElseGet(() -> Path.of(env.variable("HOME").orElse(System.getProperty("user.home")), ".config", "regent",
                        "config.yaml"));
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, String>> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Object loaded = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
            if (!(loaded instanceof Map<?, ?> map)) {
                throw RegentException.invalid(file + ": expected 'registry: URL' and 'token: T'");
            }
            return Optional.of((Map<String, String>) map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes the config file readable by its owner only (it holds a token). */
    static void write(Path file, URI url, String token) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "config", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions are what protects it
            }
            Files.writeString(tmp, "# written by 'regent login'\nregistry: " + url + "\ntoken: " + token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
