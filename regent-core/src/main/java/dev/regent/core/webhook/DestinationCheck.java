package dev.regent.core.webhook;

import java.util.Optional;

/**
 * Whether the registry may send to a URL (the transport's address policy: schemes, private and metadata addresses,
 * the operator's allowed ranges). The registry asks when a webhook is created or its URL changes; the sender asks
 * again before every attempt.
 */
@FunctionalInterface
public interface DestinationCheck {
    /** Why the URL is refused, or empty when it may be used. */
    Optional<String> refusal(String url);

    /** Refuses nothing: for registries that never send (tests of the domain alone). */
    DestinationCheck ANY = url -> Optional.empty();
}
