package dev.regent.cli;

import dev.regent.core.model.Principal;
import dev.regent.core.registry.RegistrySession;

/** What a command runs against: a registry session, local (in-process) or remote (over the REST API). */
interface Session extends AutoCloseable {

    /** The registry as the acting principal sees it. */
    RegistrySession registry();

    /** The acting principal. */
    default Principal actor() {
        return registry().actor();
    }

    @Override
    void close();
}
