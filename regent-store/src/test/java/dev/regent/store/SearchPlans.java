package dev.regent.store;

import dev.regent.core.search.SearchQuery;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark helper, run by hand ({@code bench/search.sh} through {@code SearchDataLoader}), never by the test suite:
 * runs a search exactly as the store does ({@link SearchRows} on a {@link Sql} with the SQLite dialect), records every
 * statement it prepares with the values it binds, and answers each statement's {@code EXPLAIN QUERY PLAN} (with the
 * same values bound, so the planner sees what it sees in production: a GLOB prefix, a partial index's condition).
 */
public final class SearchPlans {

    /** One statement the search ran: its SQL, the bound values, and SQLite's plan as indented lines. */
    public record Statement(String sql, List<Object> args, List<String> plan) {
        /** Whether a step of the plan reads a whole table or index ("SCAN x" without a covering search). */
        public List<String> scans() {
            return plan.stream().map(String::trim).filter(l -> l.startsWith("SCAN ")).toList();
        }
    }

    /** The search's statements and plans, and the best of {@code runs} in-process timings of the whole search. */
    public record Explained(List<Statement> statements, int results, double bestMillis) {
    }

    private SearchPlans() {
    }

    public static Explained versions(Path db, SearchQuery query, int offset, int limit, int runs) throws SQLException {
        return explain(db, rows -> rows.versions(query, null, offset, limit).size(), runs);
    }

    public static Explained models(Path db, SearchQuery query, int offset, int limit, int runs) throws SQLException {
        return explain(db, rows -> rows.models(query, null, offset, limit).size(), runs);
    }

    private interface Search {
        int run(SearchRows rows);
    }

    private static Explained explain(Path db, Search search, int runs) throws SQLException {
        try (Connection real = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (var s = real.createStatement()) {
                s.execute("PRAGMA query_only = ON");
            }
            List<Recorded> recorded = new ArrayList<>();
            Connection recording = (Connection) Proxy.newProxyInstance(SearchPlans.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new ConnectionRecorder(real, recorded));
            int results = search.run(new SearchRows(new Sql(recording, new SqliteDialect())));
            double best = Double.MAX_VALUE;
            SearchRows plain = new SearchRows(new Sql(real, new SqliteDialect()));
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                search.run(plain);
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            List<Statement> out = new ArrayList<>();
            for (Recorded r : recorded) {
                out.add(new Statement(r.sql, r.argValues(), plan(real, r)));
            }
            return new Explained(out, results, best);
        }
    }

    private static List<String> plan(Connection c, Recorded r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + r.sql)) {
            for (Bind b : r.binds) {
                try {
                    b.method.invoke(s, b.args);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new SQLException("cannot replay " + b.method.getName(), e);
                }
            }
            Map<Integer, Integer> depth = new HashMap<>();
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    int parent = rs.getInt(2);
                    int d = parent == 0 ? 0 : depth.getOrDefault(parent, 0) + 1;
                    depth.put(id, d);
                    lines.add("  ".repeat(d) + rs.getString(4));
                }
            }
            return lines;
        }
    }

    private record Bind(Method method, Object[] args) {
    }

    private static final class Recorded {
        final String sql;
        final List<Bind> binds = new ArrayList<>();

        Recorded(String sql) {
            this.sql = sql;
        }

        List<Object> argValues() {
            List<Object> out = new ArrayList<>();
            for (Bind b : binds) {
                out.add(b.method.getName().equals("setNull") ? null : b.args[1]);
            }
            return out;
        }
    }

    private record ConnectionRecorder(Connection real, List<Recorded> recorded) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                Recorded r = new Recorded((String) args[0]);
                recorded.add(r);
                PreparedStatement statement = (PreparedStatement) result;
                return Proxy.newProxyInstance(SearchPlans.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                        (p, m, a) -> {
                            if (m.getName().startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer) {
                                r.binds.add(new Bind(m, a.clone()));
                            }
                            try {
                                return m.invoke(statement, a);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
            return result;
        }
    }
}
