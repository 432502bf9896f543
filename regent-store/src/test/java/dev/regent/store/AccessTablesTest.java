package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The statements that move the access generation: writes to tokens, principals and grants, and nothing else. */
class AccessTablesTest {
    @Test
    void writesToAccessTablesAreRecognisedAndNothingElseIs() {
        assertThat(AccessTables.written("INSERT INTO tokens (id) VALUES (?)")).isTrue();
        assertThat(AccessTables.written("UPDATE tokens SET revoked_at = ? WHERE id = ?")).isTrue();
        assertThat(AccessTables.written("  insert into principals (name) values (?)")).isTrue();
        assertThat(AccessTables.written("DELETE FROM grants WHERE model = ?")).isTrue();
        assertThat(AccessTables.written("UPDATE grants SET model = ? WHERE model = ?")).isTrue();
        assertThat(AccessTables.written("SELECT principal, role FROM grants WHERE principal = ?")).isFalse();
        assertThat(AccessTables.written("UPDATE models SET name = ? WHERE id = ?")).isFalse();
        assertThat(AccessTables.written("INSERT INTO tokens_archive (id) VALUES (?)")).isFalse();
        assertThat(AccessTables.written("INSERT INTO audit_fields (seq, name) VALUES (?, 'grants')")).isFalse();
    }
}
