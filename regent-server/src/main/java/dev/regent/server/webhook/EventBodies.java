package dev.regent.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.event.Event;
import dev.regent.core.event.EventType;
import dev.regent.core.webhook.WebhookFormat;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a delivery's body says. Regent's format follows Standard Webhooks' shape, {@code {"type","timestamp","data"}},
 * where data is the event with the whole audit entry (seq, actor, reason, before, after, evidence) and links to the
 * entry and its inclusion proof. MLflow's format is MLflow 3's {@code {"entity","action","timestamp","data"}} with
 * MLflow's payload for the events MLflow has.
 */
public final class EventBodies {
    private final ObjectMapper mapper;

    public EventBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] body(WebhookFormat format, Event event, AuditEntry entry, Instant sentAt) {
        Map<String, Object> body = format == WebhookFormat.MLFLOW ? mlflow(event, entry, sentAt) : regent(event, entry, sentAt);
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event body", e);
        }
    }

    /** The event as the feed and Regent-format deliveries show it. */
    public static Map<String, Object> data(Event event, AuditEntry entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seq", event.seq());
        data.put("type", event.type().wireName());
        event.type().mlflowName().ifPresent(m -> data.put("mlflow_type", m));
        data.put("model", event.model().isEmpty() ? null : event.model());
        data.put("target", entry.target());
        data.put("at", entry.at().toString());
        data.put("actor", entry.actor().name());
        data.put("reason", entry.reason());
        data.put("before", entry.before());
        data.put("after", entry.after());
        data.put("evidence", entry.evidence());
        Map<String, String> links = new LinkedHashMap<>();
        links.put("entry", "/api/v1/audit?after=" + (event.seq() - 1) + "&limit=1");
        links.put("inclusion_proof", "/api/v1/audit/proofs/inclusion?entry=" + event.seq());
        links.put("checkpoint", "/api/v1/audit/checkpoint");
        data.put("links", links);
        return data;
    }

    private static Map<String, Object> regent(Event event, AuditEntry entry, Instant sentAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type().wireName());
        body.put("timestamp", sentAt.toString());
        body.put("data", data(event, entry));
        return body;
    }

    private static Map<String, Object> mlflow(Event event, AuditEntry entry, Instant sentAt) {
        String name = event.type().mlflowName().orElseThrow(() -> new IllegalArgumentException(
                event.type() + " has no MLflow form"));
        int dot = name.indexOf('.');
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entity", name.substring(0, dot));
        body.put("action", name.substring(dot + 1));
        body.put("timestamp", sentAt.toString());
        body.put("data", mlflowData(event.type(), event.model(), entry));
        return body;
    }

    private static Map<String, Object> mlflowData(EventType type, String model, AuditEntry entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, String> after = entry.after();
        data.put("name", model);
        switch (type) {
            case MODEL_CREATED -> {
                data.put("tags", prefixed(after, "tags."));
                data.put("description", after.getOrDefault("description", ""));
            }
            case VERSION_CREATED -> {
                data.put("version", after.get("version"));
                data.put("source", after.get("source"));
                data.put("run_id", after.get("run_id"));
                data.put("tags", prefixed(after, "tags."));
                data.put("description", after.getOrDefault("description", ""));
            }
            case ALIAS_CREATED, ALIAS_MOVED -> {
                data.put("alias", aliasOf(entry.target()));
                data.put("version", after.get("version"));
            }
            case ALIAS_DELETED -> data.put("alias", aliasOf(entry.target()));
            default -> throw new IllegalArgumentException(type + " has no MLflow form");
        }
        return data;
    }

    private static String aliasOf(String target) {
        return target.substring(target.indexOf('@') + 1);
    }

    private static Map<String, String> prefixed(Map<String, String> fields, String prefix) {
        Map<String, String> out = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
