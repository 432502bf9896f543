-- The head of each delivery chain, kept explicitly (issue 16's throughput goals), SQLite dialect. Keep in step with
-- ../postgresql/V11__delivery_chain_heads.sql.
--
-- A chain is the pending deliveries of one webhook and one model; they go out one at a time in seq order. The claim
-- used to find each chain's head by checking, for every due candidate, that no earlier pending delivery of its
-- webhook and model exists (a correlated NOT EXISTS whose cost grew with the backlog, run on every commit). Now head = 1
-- marks the one pending delivery of its chain that may go out, maintained in the transactions that change a chain:
-- the enqueue (head when its chain has nothing pending), the attempt that finishes the head (the chain's next pending
-- delivery, lowest seq, becomes the head) and a redelivery (head when its chain has nothing else pending). So the claim
-- is a range scan of deliveries_heads.
ALTER TABLE deliveries ADD COLUMN head INTEGER NOT NULL DEFAULT 0 CHECK (head IN (0, 1));

-- existing pending deliveries: the earliest pending one of each chain is its head, exactly what the old claim computed
UPDATE deliveries SET head = 1
WHERE status = 'pending'
  AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.webhook_id = deliveries.webhook_id AND p.model = deliveries.model
                  AND p.status = 'pending' AND p.seq < deliveries.seq);

CREATE INDEX deliveries_heads ON deliveries (next_attempt_at, seq) WHERE status = 'pending' AND head = 1;
