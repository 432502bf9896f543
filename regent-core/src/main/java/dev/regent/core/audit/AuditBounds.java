package dev.regent.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps every entry within {@link AuditEncoding#MAX_BYTES}, so that it fits a C2SP tlog-tiles entry bundle
 * (whose entries carry a 16-bit length). The state itself stays in the registry; the entry keeps a digest of what
 * it leaves out, so anyone holding the state can check it against the log:
 * <ul>
 *   <li>a before/after value longer than {@link #MAX_VALUE_BYTES} becomes {@code [elided: N bytes, sha256:HEX]};</li>
 *   <li>a before/after map larger than {@link #MAX_MAP_BYTES} keeps its first fields (by key) within that size and
 *       replaces the rest by one field {@code …elided} = {@code [elided: N fields, sha256:HEX]}, HEX being the
 *       SHA-256 of the left-out fields as the canonical map encoding writes them;</li>
 *   <li>more than {@link #MAX_EVIDENCE} evidence links keep the first ones and one {@code [elided: N links, sha256:HEX]}.</li>
 * </ul>
 * The reason is bounded where it is typed (2,000 characters), targets and actors by their names' limits.
 */
public final class AuditBounds {
    public static final int MAX_VALUE_BYTES = 4096;
    public static final int MAX_MAP_BYTES = 20 * 1024;
    public static final int MAX_EVIDENCE = 100;
    /** The key of the field that stands for the fields a map left out; sorts after every ASCII key. */
    public static final String ELIDED_KEY = "\u2026elided";

    private AuditBounds() {
    }

    /** The entry as the log records it: unchanged when it is within bounds. */
    public static AuditEntry fit(AuditEntry e) {
        TreeMap<String, String> before = fitMap(e.before());
        TreeMap<String, String> after = fitMap(e.after());
        List<String> evidence = e.evidence();
        if (evidence.size() > MAX_EVIDENCE) {
            List<String> kept = new ArrayList<>(evidence.subList(0, MAX_EVIDENCE - 1));
            List<String> rest = evidence.subList(MAX_EVIDENCE - 1, evidence.size());
            StringBuilder all = new StringBuilder();
            rest.forEach(link -> all.append(link.getBytes(StandardCharsets.UTF_8).length).append(':').append(link));
            kept.add("[elided: " + rest.size() + " links, sha256:" + sha256(all.toString()) + "]");
            evidence = kept;
        }
        if (before.equals(e.before()) && after.equals(e.after()) && evidence.equals(e.evidence())) {
            return e;
        }
        return new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.outcome(), e.reason(), before, after, evidence);
    }

    private static TreeMap<String, String> fitMap(Map<String, String> fields) {
        TreeMap<String, String> out = new TreeMap<>();
        int size = 0;
        int elided = 0;
        StringBuilder rest = new StringBuilder();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String value = f.getValue();
            int valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (valueBytes > MAX_VALUE_BYTES) {
                value = "[elided: " + valueBytes + " bytes, sha256:" + sha256(value) + "]";
            }
            int bytes = f.getKey().getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 12;
            if (elided == 0 && size + bytes <= MAX_MAP_BYTES) {
                out.put(f.getKey(), value);
                size += bytes;
            } else {
                elided++;
                scalar(rest, f.getKey());
                scalar(rest, f.getValue());
            }
        }
        if (elided > 0) {
            out.put(ELIDED_KEY, "[elided: " + elided + " fields, sha256:" + sha256(rest.toString()) + "]");
        }
        return out;
    }

    private static void scalar(StringBuilder out, String value) {
        out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
