package dev.regent.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fast path of verification: whether an entry's stored bytes are exactly the version 2 encoding
 * ({@link AuditEncoding}) of what its derived columns say, linked to the previous entry of its model as the chain
 * gives it. Compared byte by byte against the stored bytes as the encoding is walked, with nothing decoded and nothing
 * allocated for ASCII values; equal means the columns agree with the bytes, the bytes are canonical and the chain
 * link is right. Anything else (an edit, a version 1 entry, a column that is not a valid value) answers false and the
 * caller takes the slow path, which decodes the bytes and names what differs.
 */
public final class ColumnBytes {
    private static final byte[] MAGIC = AuditEncoding.MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> ACTIONS = actions();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] bytes;
    private int at;
    private boolean ok = true;

    private ColumnBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Whether {@code bytes} is the version 2 encoding of the columns with that previous link (null: none). */
    public static boolean matches(byte[] bytes, AuditColumns c, AuditLink previous) {
        if (bytes == null || !ACTIONS.contains(c.action()) || !("APPLIED".equals(c.outcome()) || "REFUSED".equals(c.outcome()))
                || c.actor().isEmpty() || !c.model().equals(AuditTarget.modelOf(c.target()))) {
            return false;
        }
        ColumnBytes m = new ColumnBytes(bytes);
        m.raw(MAGIC);
        m.field("seq=").decimalScalar(c.seq()).nl();
        m.field("at=").decimalScalar(c.at()).nl();
        m.field("actor=").scalar(c.actor()).nl();
        m.field("action=").scalar(c.action()).nl();
        m.field("target=").scalar(c.target()).nl();
        m.field("model=").scalar(c.model()).nl();
        m.field("previous=");
        if (previous == null) {
            m.ascii("0:");
        } else {
            m.link(previous);
        }
        m.nl();
        m.field("outcome=").scalar(c.outcome()).nl();
        m.field("reason=").scalar(c.reason()).nl();
        m.field("before=").map(c.before()).ascii("}\n");
        m.field("after=").map(c.after()).ascii("}\n");
        m.field("evidence=").list(c.evidence()).ascii("]\n");
        return m.ok && m.at == bytes.length;
    }

    private ColumnBytes field(String name) {
        return ascii(name);
    }

    private ColumnBytes nl() {
        return ascii("\n");
    }

    private ColumnBytes map(Map<String, String> map) {
        decimal(map.size()).ascii("{");
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!ok) {
                break;
            }
            scalar(e.getKey()).scalar(e.getValue());
        }
        return this;
    }

    private ColumnBytes list(List<String> items) {
        decimal(items.size()).ascii("[");
        for (String item : items) {
            if (!ok) {
                break;
            }
            scalar(item);
        }
        return this;
    }

    /** A scalar: decimal UTF-8 length, ':', the UTF-8 bytes. */
    private ColumnBytes scalar(String value) {
        if (!ok) {
            return this;
        }
        if (isAscii(value)) {
            decimal(value.length()).ascii(":").ascii(value);
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            decimal(utf8.length).ascii(":").raw(utf8);
        }
        return this;
    }

    /** A number written as a scalar: its decimal text's length, ':', the text. */
    private ColumnBytes decimalScalar(long n) {
        return decimal(digits(n)).ascii(":").decimal(n);
    }

    /** The previous link as a scalar: "<seq> <64 hex>". */
    private void link(AuditLink l) {
        decimal(digits(l.seq()) + 1 + 64).ascii(":").decimal(l.seq()).ascii(" ");
        byte[] leaf = l.leaf().bytes();
        for (byte b : leaf) {
            put((byte) HEX[(b >> 4) & 0xf]);
            put((byte) HEX[b & 0xf]);
        }
    }

    private ColumnBytes decimal(long n) {
        if (n < 0) {
            ok = false;
            return this;
        }
        int d = digits(n);
        if (!ok || at + d > bytes.length) {
            ok = false;
            return this;
        }
        long rest = n;
        for (int i = at + d - 1; i >= at; i--) {
            if (bytes[i] != (byte) ('0' + rest % 10)) {
                ok = false;
                return this;
            }
            rest /= 10;
        }
        at += d;
        return this;
    }

    private ColumnBytes ascii(String s) {
        if (!ok || at + s.length() > bytes.length) {
            ok = false;
            return this;
        }
        for (int i = 0; i < s.length(); i++) {
            if (bytes[at + i] != (byte) s.charAt(i)) {
                ok = false;
                return this;
            }
        }
        at += s.length();
        return this;
    }

    private void raw(byte[] b) {
        if (!ok || at + b.length > bytes.length) {
            ok = false;
            return;
        }
        for (int i = 0; i < b.length; i++) {
            if (bytes[at + i] != b[i]) {
                ok = false;
                return;
            }
        }
        at += b.length;
    }

    private void put(byte b) {
        if (!ok || at >= bytes.length || bytes[at] != b) {
            ok = false;
            return;
        }
        at++;
    }

    private static int digits(long n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> actions() {
        java.util.HashSet<String> names = new java.util.HashSet<>();
        for (AuditAction a : AuditAction.values()) {
            names.add(a.wireName());
        }
        return Set.copyOf(names);
    }
}
