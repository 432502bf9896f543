package dev.regent.store;

import dev.regent.store.secrets.SecretSeal;
import java.util.List;

/**
 * Migration 9.1: seals the webhook secrets V9 stored in the clear ({@link SecretSeal}, each under its webhook's id).
 * A registry without webhooks gets no key file. Values already sealed are left alone; anything else is sealed as it
 * is, so a secret is never lost to the migration.
 */
final class WebhookSecretSealing extends JavaBackfill {
    private final SecretSeal seal;

    WebhookSecretSealing(Dialect dialect, SecretSeal seal) {
        super(dialect, "9.1", "webhook secrets sealed at rest");
        this.seal = seal;
    }

    private record Clear(String id, String secret, String previous) {
    }

    @Override
    void backfill(Sql sql) {
        List<Clear> rows = sql.list("SELECT id, secret, previous_secret FROM webhooks ORDER BY id",
                rs -> new Clear(rs.getString(1), rs.getString(2), rs.getString(3)));
        for (Clear row : rows) {
            String secret = SecretSeal.sealed(row.secret()) ? row.secret() : seal.seal(row.id(), row.secret());
            Object previous = row.previous() == null ? new Sql.Null(java.sql.Types.VARCHAR)
                    : SecretSeal.sealed(row.previous()) ? row.previous() : seal.seal(row.id(), row.previous());
            sql.update("UPDATE webhooks SET secret = ?, previous_secret = ? WHERE id = ?", secret, previous, row.id());
        }
    }
}
