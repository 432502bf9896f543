package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.store.RegistryStore;
import dev.regent.core.webhook.Webhook;
import dev.regent.store.secrets.SecretSeal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Migration 9.1 seals the webhook secrets V9 stored in the clear: afterwards no row holds one, each opens to the same
 * secret as before, and only under its own webhook's id. A registry without webhooks gets no key file. On SQLite, and
 * on PostgreSQL when REGENT_TEST_POSTGRES_URL is set.
 */
class WebhookSecretSealingTest {
    private static final String A = "whsec_MfKQ9r8GKYqrTAjAtKz3c9XwUP3r5SWh6BdPEW6TeVY=";
    private static final String A_PREVIOUS = "whsec_3hS8ejBXq5KuDWo6Z+2vZ2wWwcfcA2Wh1rRyU3yRBxs=";
    private static final String B = "whsec_ZnJhdWQtZGV0ZWN0b3Itc2VjcmV0LTMyLWJ5dGVzISE=";

    @Test
    void sqliteSealsItsClearSecrets() throws Exception {
        try (SqliteTestDatabase db = (SqliteTestDatabase) TestDatabase.sqlite()) {
            migrateAndCheck(db, new SqliteDialect(), db.dataDir());
        }
    }

    @Test
    void postgresSealsItsClearSecrets() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            migrateAndCheck(db, new PostgresDialect(), db.dataDir());
        }
    }

    @Test
    void aRegistryWithoutWebhooksGetsNoKeyFile() throws Exception {
        try (SqliteTestDatabase db = (SqliteTestDatabase) TestDatabase.sqlite()) {
            db.openStore().close();
            assertThat(db.dataDir().resolve(SecretSeal.FILE_NAME)).doesNotExist();
        }
    }

    private static void migrateAndCheck(TestDatabase db, Dialect dialect, Path dataDir) throws Exception {
        EarlierSchema.migrate(db.jdbcUrl(), dialect, "9");
        boolean sqlite = dialect instanceof SqliteDialect;
        String yes = sqlite ? "1" : "TRUE";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO webhooks (id, url, events, model, format, description, secret, previous_secret, "
                    + "previous_secret_until, enabled, created_by, created_at, updated_at) VALUES "
                    + "('wh_a', 'https://a.example.com/h', '*', NULL, 'regent', '', '" + A + "', '" + A_PREVIOUS + "', "
                    + "4102444800000, " + yes + ", 'alice', 1, 1), "
                    + "('wh_b', 'https://b.example.com/h', '*', NULL, 'regent', '', '" + B + "', NULL, NULL, " + yes
                    + ", 'alice', 1, 1)");
        }
        assertThat(dataDir.resolve(SecretSeal.FILE_NAME)).doesNotExist();

        try (RegistryStore store = db.openStore()) {
            Webhook a = store.read(tx -> tx.findWebhook("wh_a")).orElseThrow();
            assertThat(a.secret()).isEqualTo(A);
            assertThat(a.previousSecret()).isEqualTo(A_PREVIOUS);
            assertThat(a.secretProblem()).isEmpty();
            assertThat(store.read(tx -> tx.findWebhook("wh_b")).orElseThrow().secret()).isEqualTo(B);
        }
        assertThat(Files.size(dataDir.resolve(SecretSeal.FILE_NAME))).isEqualTo(32);
        String sealedA;
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, secret, previous_secret FROM webhooks ORDER BY id")) {
            StringBuilder all = new StringBuilder();
            rs.next();
            sealedA = rs.getString(2);
            all.append(rs.getString(2)).append(rs.getString(3));
            rs.next();
            all.append(rs.getString(2)).append(rs.getString(3));
            assertThat(all.toString()).doesNotContain("whsec_").doesNotContain(A.substring(6)).doesNotContain(B.substring(6));
            assertThat(sealedA).startsWith("v1:");
        }
        // a's sealed secret put in b's row does not open there: b reads as unreadable, saying why
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE webhooks SET secret = '" + sealedA + "' WHERE id = 'wh_b'");
        }
        try (RegistryStore store = db.openStore()) {
            Webhook b = store.read(tx -> tx.findWebhook("wh_b")).orElseThrow();
            assertThat(b.secretProblem()).hasValueSatisfying(why -> assertThat(why).contains("does not open for this webhook"));
            assertThat(b.signingSecrets(java.time.Instant.EPOCH)).noneMatch(x -> x.startsWith("whsec_"));
            // the other webhooks of the table still read
            assertThat(store.read(tx -> tx.findWebhook("wh_a")).orElseThrow().secret()).isEqualTo(A);
        }
    }
}
