package dev.regent.server;

import dev.regent.api.AuditEntryWire;
import dev.regent.api.ListWires;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audit log: entries in sequence order, optionally one model's, after a sequence number, paged. */
final class AuditRoutes {
    static final String LIST = "/api/v1/audit";

    private AuditRoutes() {
    }

    static void register(Endpoints e) {
        e.get(LIST, AuditRoutes::list);
    }

    static Reply list(Call call) {
        ModelName model = call.query("model") == null ? null : ModelName.of(call.query("model"));
        long after = seq(call.query("after"));
        int size = call.pageSize();
        Map<String, String> params = new HashMap<>();
        params.put("model", model == null ? null : model.value());
        params.put("after", Long.toString(after));
        String cursor = call.parts().pageTokens().cursor(call.query("page_token"), LIST, params);
        long from = cursor == null ? after : seq(cursor);
        List<AuditEntry> page = call.registry().governance().audit(call.actor(), new AuditQuery(model, from, size));
        String next = page.size() == size
                ? call.parts().pageTokens().issue(LIST, params, Long.toString(page.get(page.size() - 1).seq())) : null;
        return Reply.ok(new ListWires.AuditEntries(page.stream().map(AuditEntryWire::of).toList(), next));
    }

    private static long seq(String raw) {
        if (raw == null) {
            return 0;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < 0) {
                throw RegentException.invalid("'after' must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw RegentException.invalid("'after' must be a sequence number, got '" + raw + "'");
        }
    }
}
