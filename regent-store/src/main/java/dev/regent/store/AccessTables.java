package dev.regent.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which statements write who may do what: the tokens, principals and grants tables. Decided here, from the SQL
 * text every write goes through ({@link Sql}), so a write added anywhere later (a rename moving grants, a new
 * revocation) moves the store's access generation without anyone remembering to say so.
 */
final class AccessTables {
    private static final Pattern WRITE = Pattern.compile(
            "^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(?:tokens|principals|grants)\\b", Pattern.CASE_INSENSITIVE);
    /** Writes are a near-fixed set of constants (arguments are bound); reads, built per query, are never kept. */
    private static final Map<String, Boolean> SEEN = new ConcurrentHashMap<>();
    private static final int MAX_SEEN = 4096;

    private AccessTables() {
    }

    static boolean written(String sql) {
        String head = sql.stripLeading();
        if (head.regionMatches(true, 0, "SELECT", 0, 6)) {
            return false;
        }
        Boolean known = SEEN.get(sql);
        if (known != null) {
            return known;
        }
        boolean writes = WRITE.matcher(sql).find();
        if (SEEN.size() < MAX_SEEN) {
            SEEN.put(sql, writes);
        }
        return writes;
    }
}
