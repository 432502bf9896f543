package dev.regent.core.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The canonical byte encoding of an audit entry, version 1 (documented in docs/audit.md). Hashes are computed
 * over these bytes, never over what a JSON library prints: the field order is fixed, maps are sorted by key,
 * and every string is length-prefixed so that no value can be confused with a separator.
 *
 * <pre>
 * "regent-audit/1\n"
 * then for each field, in this order: seq, at, actor, action, target, outcome, reason, before, after, evidence
 *   name "=" value, where a scalar value is  decimal-byte-length ":" UTF-8 bytes  and followed by "\n";
 *   a map is  decimal-entry-count "{" then per entry (sorted by key) key-scalar value-scalar, then "}\n";
 *   a list is decimal-item-count "[" then each item as a scalar, then "]\n".
 * at is the time in epoch milliseconds, written as decimal text.
 * </pre>
 */
public final class AuditEncoding {
    public static final String MAGIC = "regent-audit/1\n";

    private AuditEncoding() {
    }

    public static byte[] encode(AuditEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(out, MAGIC);
        scalarField(out, "seq", Long.toString(e.seq()));
        scalarField(out, "at", Long.toString(e.at().toEpochMilli()));
        scalarField(out, "actor", e.actor().name());
        scalarField(out, "action", e.action().wireName());
        scalarField(out, "target", e.target());
        scalarField(out, "outcome", e.outcome().name());
        scalarField(out, "reason", e.reason());
        mapField(out, "before", e.before());
        mapField(out, "after", e.after());
        listField(out, "evidence", e.evidence());
        return out.toByteArray();
    }

    private static void scalarField(ByteArrayOutputStream out, String name, String value) {
        write(out, name + "=");
        scalar(out, value);
        write(out, "\n");
    }

    private static void mapField(ByteArrayOutputStream out, String name, Map<String, String> map) {
        write(out, name + "=" + map.size() + "{");
        map.forEach((k, v) -> {
            scalar(out, k);
            scalar(out, v);
        });
        write(out, "}\n");
    }

    private static void listField(ByteArrayOutputStream out, String name, List<String> items) {
        write(out, name + "=" + items.size() + "[");
        items.forEach(item -> scalar(out, item));
        write(out, "]\n");
    }

    private static void scalar(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        write(out, bytes.length + ":");
        out.writeBytes(bytes);
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.UTF_8));
    }
}
