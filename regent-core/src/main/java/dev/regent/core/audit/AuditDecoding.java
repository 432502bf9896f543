package dev.regent.core.audit;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.model.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads an entry back from its canonical bytes (version 1 or 2 of {@link AuditEncoding}), strictly: the bytes must
 * be exactly what the encoder writes for what they decode to, so one entry has one encoding and nothing can hide in
 * the bytes beside the fields. Anything else is an {@link IllegalArgumentException} naming what is wrong.
 */
public final class AuditDecoding {
    private final byte[] in;
    private int at;

    private AuditDecoding(byte[] in) {
        this.in = in;
    }

    /** Decodes the bytes; throws IllegalArgumentException when they are not a canonical audit entry. */
    public static AuditRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("no bytes");
        }
        if (bytes.length > AuditEncoding.MAX_BYTES) {
            throw new IllegalArgumentException("longer than " + AuditEncoding.MAX_BYTES + " bytes");
        }
        return new AuditDecoding(bytes).read();
    }

    private AuditRecord read() {
        int version;
        if (startsWith(AuditEncoding.MAGIC)) {
            version = 2;
        } else if (startsWith(AuditEncoding.MAGIC_V1)) {
            version = 1;
        } else {
            throw new IllegalArgumentException("not an audit entry (no regent-audit version line)");
        }
        at = AuditEncoding.MAGIC.length();
        long seq = number(scalarField("seq"), "seq");
        long time = number(scalarField("at"), "at");
        String actor = scalarField("actor");
        String action = scalarField("action");
        String target = scalarField("target");
        String model = AuditTarget.modelOf(target);
        AuditLink previous = null;
        if (version == 2) {
            model = scalarField("model");
            String link = scalarField("previous");
            previous = link.isEmpty() ? null : link(link);
        }
        String outcome = scalarField("outcome");
        String reason = scalarField("reason");
        TreeMap<String, String> before = mapField("before");
        TreeMap<String, String> after = mapField("after");
        List<String> evidence = listField("evidence");
        if (at != in.length) {
            throw new IllegalArgumentException("bytes after the last field");
        }
        AuditEntry entry;
        try {
            entry = new AuditEntry(seq, Instant.ofEpochMilli(time), Principal.of(actor), AuditAction.fromWireName(action), target,
                    AuditOutcome.valueOf(outcome), reason, before, after, evidence);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("fields out of range: " + e.getMessage(), e);
        }
        byte[] again = version == 2 ? AuditEncoding.encode(entry, previous) : AuditEncoding.encodeVersion1(entry);
        if (!Arrays.equals(again, in)) {
            // a model that is not the target's, unsorted or repeated keys, a number with leading zeros…
            throw new IllegalArgumentException("not the canonical encoding of what it holds");
        }
        return new AuditRecord(in.clone(), version, entry, model, previous);
    }

    private static AuditLink link(String text) {
        int space = text.indexOf(' ');
        if (space < 1 || text.length() - space - 1 != 2 * Hash.LENGTH) {
            throw new IllegalArgumentException("previous is not \"<seq> <hex hash>\"");
        }
        try {
            return new AuditLink(number(text.substring(0, space), "previous"), Hash.ofHex(text.substring(space + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("previous is not \"<seq> <hex hash>\": " + e.getMessage(), e);
        }
    }

    private static long number(String text, String field) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number");
        }
    }

    private String scalarField(String name) {
        expect(name + "=");
        String value = scalar();
        expect("\n");
        return value;
    }

    private TreeMap<String, String> mapField(String name) {
        expect(name + "=");
        int n = count('{');
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String key = scalar();
            map.put(key, scalar());
        }
        expect("}\n");
        return map;
    }

    private List<String> listField(String name) {
        expect(name + "=");
        int n = count('[');
        List<String> items = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            items.add(scalar());
        }
        expect("]\n");
        return items;
    }

    private String scalar() {
        int length = count(':');
        if (length > in.length - at) {
            throw new IllegalArgumentException("a value runs past the end");
        }
        String value = new String(in, at, length, StandardCharsets.UTF_8);
        at += length;
        return value;
    }

    /** Decimal digits up to the terminator (consumed); at most 9, so the count fits an int. */
    private int count(char terminator) {
        int start = at;
        int value = 0;
        while (at < in.length && in[at] >= '0' && in[at] <= '9' && at - start < 9) {
            value = value * 10 + (in[at] - '0');
            at++;
        }
        if (at == start || at >= in.length || in[at] != terminator) {
            throw new IllegalArgumentException("a length or count is malformed at byte " + start);
        }
        at++;
        return value;
    }

    private void expect(String ascii) {
        if (!startsWithAt(ascii, at)) {
            throw new IllegalArgumentException("expected \"" + ascii.strip() + "\" at byte " + at);
        }
        at += ascii.length();
    }

    private boolean startsWith(String ascii) {
        return startsWithAt(ascii, 0);
    }

    private boolean startsWithAt(String ascii, int from) {
        if (in.length - from < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (in[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
