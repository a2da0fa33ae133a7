-- Refunds (issue 14): billing republishes a refunded call's record with refundedCoins, the coins given back to the
-- caller so far. The column comes before billing ships the field (the sink's schema.evolution is none); its default
-- is the Avro default, so rows written before stay valid. (V3 is taken on the integration branch by
-- V3__receiver_status.sql.) The refunds themselves are ledger entries: related_id the call, message the reference.
ALTER TABLE call_history
    ADD COLUMN refunded_coins BIGINT NOT NULL DEFAULT 0;
