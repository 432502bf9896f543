package dev.regent.cli;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport that records the URI of every notifications/resources/updated it receives, before the client
 * does anything with it (the SDK's client reads the resource first and drops the notification if the read fails, so
 * only the transport sees what the server actually sent).
 */
record NotificationRecorder(McpClientTransport delegate, BlockingQueue<String> told) implements McpClientTransport {
    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(in -> handler.apply(in.doOnNext(message -> {
            if (message instanceof McpSchema.JSONRPCNotification n
                    && McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED.equals(n.method())
                    && n.params() instanceof Map<?, ?> params) {
                told.add(String.valueOf(params.get("uri")));
            }
        })));
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return delegate.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return delegate.unmarshalFrom(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
