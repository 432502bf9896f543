package dev.regent.cli;

import dev.regent.core.error.RegentException;

/** Opens the session a command runs against: remote when a registry URL is configured, local otherwise. */
final class Sessions {
    private Sessions() {
    }

    static Session open(RegentCommand options) {
        java.util.Optional<RemoteConfig> remote = RemoteConfig.resolve(options);
        if (remote.isPresent()) {
            if (options.as != null) {
                throw RegentException.invalid("--as is for local mode; in remote mode you act as the token's principal");
            }
            return RemoteSession.open(remote.get(), options.environment());
        }
        return LocalSession.open(options);
    }
}
