package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Migration V11 marks, in a database written before it, the head of every delivery chain (one webhook, one model):
 * its earliest pending delivery, exactly the one the claim before V11 computed, and no other row. Deliveries already
 * delivered or failed are never heads, and a chain whose earlier deliveries finished has its first pending one as head.
 * On SQLite, and on PostgreSQL when REGENT_TEST_POSTGRES_URL is set.
 */
class DeliveryChainHeadMigrationTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTAjAtKz3c9XwUP3r5SWh6BdPEW6TeVY=";

    @Test
    void sqliteMarksEachChainsEarliestPendingDelivery() throws Exception {
        try (TestDatabase db = TestDatabase.sqlite()) {
            migrateAndCheck(db, new SqliteDialect());
        }
    }

    @Test
    void postgresMarksEachChainsEarliestPendingDelivery() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            migrateAndCheck(db, new PostgresDialect());
        }
    }

    private static void migrateAndCheck(TestDatabase db, Dialect dialect) throws Exception {
        EarlierSchema.migrate(db.jdbcUrl(), dialect, "9");
        String yes = dialect instanceof SqliteDialect ? "1" : "TRUE";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String id : new String[] {"wh_a", "wh_b"}) {
                s.executeUpdate("INSERT INTO webhooks (id, url, events, model, format, description, secret, previous_secret, "
                        + "previous_secret_until, enabled, created_by, created_at, updated_at) VALUES ('" + id
                        + "', 'https://" + id + ".example.com/h', '*', NULL, 'regent', '', '" + SECRET + "', NULL, NULL, "
                        + yes + ", 'alice', 1, 1)");
            }
            for (int seq = 1; seq <= 6; seq++) {
                s.executeUpdate("INSERT INTO events (seq, type, mlflow_type, model, at) VALUES (" + seq
                        + ", 'model_version.created', NULL, '" + (seq == 4 ? "m2" : "m1") + "', " + seq + ")");
            }
            // chain (wh_a, m1): 1 delivered, 2 and 3 pending; (wh_a, m2): 4 pending; (wh_b, m1): 2 failed, 3 and 5
            // pending; (wh_b, m1) 6 delivered after a redelivery (finished, never a head)
            delivery(s, "d_a1", "wh_a", 1, "m1", "delivered");
            delivery(s, "d_a2", "wh_a", 2, "m1", "pending");
            delivery(s, "d_a3", "wh_a", 3, "m1", "pending");
            delivery(s, "d_a4", "wh_a", 4, "m2", "pending");
            delivery(s, "d_b2", "wh_b", 2, "m1", "failed");
            delivery(s, "d_b3", "wh_b", 3, "m1", "pending");
            delivery(s, "d_b5", "wh_b", 5, "m1", "pending");
            delivery(s, "d_b6", "wh_b", 6, "m1", "delivered");
        }
        db.openStore().close(); // the rest of the migrations, V11 among them, as a server would run them
        assertThat(heads(db)).containsExactly(Map.entry("d_a1", false), Map.entry("d_a2", true), Map.entry("d_a3", false),
                Map.entry("d_a4", true), Map.entry("d_b2", false), Map.entry("d_b3", true), Map.entry("d_b5", false),
                Map.entry("d_b6", false));
    }

    private static void delivery(Statement s, String id, String webhook, int seq, String model, String status)
            throws Exception {
        boolean finished = !status.equals("pending");
        s.executeUpdate("INSERT INTO deliveries (id, webhook_id, seq, model, status, attempts, next_attempt_at, created_at, "
                + "finished_at) VALUES ('" + id + "', '" + webhook + "', " + seq + ", '" + model + "', '" + status + "', "
                + (finished ? 1 : 0) + ", " + seq + ", " + seq + ", " + (finished ? String.valueOf(seq + 1) : "NULL") + ")");
    }

    private static Map<String, Boolean> heads(TestDatabase db) throws Exception {
        Map<String, Boolean> heads = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, head FROM deliveries ORDER BY id")) {
            while (rs.next()) {
                heads.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        return heads;
    }
}
