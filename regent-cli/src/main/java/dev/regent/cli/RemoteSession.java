package dev.regent.cli;

import dev.regent.client.AuditTreeClient;
import dev.regent.client.RegentClient;
import dev.regent.core.registry.RegistrySession;

/** Remote mode: every command goes to a Regent server over the REST API, as the token's principal. */
final class RemoteSession implements Session {
    private final RegentClient client;
    private final RemoteConfig config;

    private RemoteSession(RegentClient client, RemoteConfig config) {
        this.client = client;
        this.config = config;
    }

    static RemoteSession open(RemoteConfig config, CliEnvironment env) {
        return new RemoteSession(RegentClient.connect(config.url(), config.token()), config);
    }

    /** The server's audit tree: key, checkpoints, proofs. */
    AuditTreeClient auditTree() {
        return AuditTreeClient.connect(config.url(), config.token());
    }

    /** The server's webhooks and event feed. */
    dev.regent.client.WebhookClient webhooks() {
        return dev.regent.client.WebhookClient.connect(config.url(), config.token());
    }

    @Override
    public RegistrySession registry() {
        return client;
    }

    @Override
    public void close() {
        // java.net.http holds no resources that need closing on Java 17
    }
}
