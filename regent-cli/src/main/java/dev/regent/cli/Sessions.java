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
            // a local-only option in remote mode would be silently ignored: say so instead, and how to get local mode
            String localOnly = options.data != null ? "--data" : options.db != null ? "--db"
                    : options.policy != null && !options.policyIsWhatIf ? "--policy" : null;
            if (localOnly != null) {
                throw RegentException.invalid(localOnly + " is for local mode, and this command runs against "
                        + remote.get().url() + " (from --registry, $REGENT_URL or 'regent login'): add --local to work on a "
                        + "data directory, or drop " + localOnly);
            }
            return RemoteSession.open(remote.get(), options.environment());
        }
        return LocalSession.open(options);
    }
}
