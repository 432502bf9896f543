-- The head of each delivery chain, kept explicitly, PostgreSQL dialect. Keep in step with
-- ../sqlite/V11__delivery_chain_heads.sql, which explains it. On PostgreSQL the transactions that change a chain take
-- the chain's transaction-level advisory lock first (see OutboxRows), so concurrent nodes keep exactly one head.
ALTER TABLE deliveries ADD COLUMN head BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE deliveries SET head = TRUE
WHERE status = 'pending'
  AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.webhook_id = deliveries.webhook_id AND p.model = deliveries.model
                  AND p.status = 'pending' AND p.seq < deliveries.seq);

CREATE INDEX deliveries_heads ON deliveries (next_attempt_at, seq) WHERE status = 'pending' AND head;
