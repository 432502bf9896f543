package dev.regent.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import reactor.core.publisher.Mono;

/**
 * A Streamable HTTP transport that sends a session a {@code notifications/resources/updated} only while its principal
 * may read the model the resource belongs to ({@code mayTell(sessionId, model)}). The SDK keeps subscriptions per
 * session without asking anyone, and several principals share one server: this is the check at the moment of telling.
 */
final class TellingTransport implements McpStreamableServerTransportProvider {
    private final McpStreamableServerTransportProvider delegate;
    private final BiPredicate<String, String> mayTell;

    TellingTransport(McpStreamableServerTransportProvider delegate, BiPredicate<String, String> mayTell) {
        this.delegate = delegate;
        this.mayTell = mayTell;
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        delegate.setSessionFactory(sessionFactory);
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        if (McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED.equals(method)) {
            String uri = params instanceof McpSchema.ResourcesUpdatedNotification n ? n.uri() : null;
            Optional<String> model = Resources.modelOf(uri);
            if (model.isEmpty() || !mayTell.test(sessionId, model.get())) {
                return Mono.empty();
            }
        }
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
