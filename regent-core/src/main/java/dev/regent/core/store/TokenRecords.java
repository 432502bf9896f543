package dev.regent.core.store;

import dev.regent.core.access.TokenRecord;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Bearer tokens, stored by the hash of their secret. */
public interface TokenRecords {

    /** Stores a token; throws {@link StoreConflict} on a duplicate id or hash. */
    void insertToken(TokenRecord token);

    /** The token whose secret has this hash (revoked and expired ones included: the caller decides). */
    Optional<TokenRecord> findTokenByHash(Digest secretHash);

    /** The token with this id. */
    Optional<TokenRecord> findToken(String id);

    /** Tokens of one principal, or of everyone for null, oldest first. */
    List<TokenRecord> listTokens(Principal principal);

    /** Marks a token revoked; revoking it again keeps the first time. */
    void revokeToken(String id, Instant at);
}
