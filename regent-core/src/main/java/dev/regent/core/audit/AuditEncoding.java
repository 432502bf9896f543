package dev.regent.core.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The canonical byte encoding of an audit entry (documented in docs/audit.md). These bytes are the entry: the store
 * keeps them as written and hashes them into the log; every structured column is derived from them. The field
 * order is fixed, maps are sorted by key, and every string is length-prefixed so that no value can be confused with
 * a separator.
 *
 * <p>Version 2 (every entry appended since schema V8) adds, after {@code target}, the entry's {@code model} and a
 * {@code previous} link to the last entry of the same model (empty for a model's first entry), so each model's
 * entries form a hash chain. Version 1 entries (appended before V8) stay as they were hashed.
 *
 * <pre>
 * "regent-audit/2\n"
 * then for each field, in this order: seq, at, actor, action, target, model, previous, outcome, reason, before,
 * after, evidence
 *   name "=" value, where a scalar value is  decimal-byte-length ":" UTF-8 bytes  and followed by "\n";
 *   a map is  decimal-entry-count "{" then per entry (sorted by key) key-scalar value-scalar, then "}\n";
 *   a list is decimal-item-count "[" then each item as a scalar, then "]\n".
 * at is the time in epoch milliseconds, written as decimal text; previous is "" or  seq " " 64-hex-leaf-hash.
 * </pre>
 */
public final class AuditEncoding {
    public static final String MAGIC_V1 = "regent-audit/1\n";
    public static final String MAGIC = "regent-audit/2\n";

    /**
     * The largest entry, in bytes: a C2SP tlog-tiles entry bundle prefixes each entry with a 16-bit length, so no
     * entry of a published log can be longer. Appending a larger entry is refused (and so is the change it records).
     */
    public static final int MAX_BYTES = 65_535;

    private AuditEncoding() {
    }

    /** The version 2 bytes of an entry (with its seq) linked to the previous entry of its model (null for none). */
    public static byte[] encode(AuditEntry e, AuditLink previous) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        write(out, MAGIC);
        header(out, e);
        scalarField(out, "model", AuditTarget.modelOf(e.target()));
        scalarField(out, "previous", previous == null ? "" : previous.text());
        body(out, e);
        return out.toByteArray();
    }

    /** The version 1 bytes of an entry: how entries appended before schema V8 were hashed (kept to verify them). */
    public static byte[] encodeVersion1(AuditEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(out, MAGIC_V1);
        header(out, e);
        body(out, e);
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, AuditEntry e) {
        scalarField(out, "seq", Long.toString(e.seq()));
        scalarField(out, "at", Long.toString(e.at().toEpochMilli()));
        scalarField(out, "actor", e.actor().name());
        scalarField(out, "action", e.action().wireName());
        scalarField(out, "target", e.target());
    }

    private static void body(ByteArrayOutputStream out, AuditEntry e) {
        scalarField(out, "outcome", e.outcome().name());
        scalarField(out, "reason", e.reason());
        mapField(out, "before", e.before());
        mapField(out, "after", e.after());
        listField(out, "evidence", e.evidence());
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
