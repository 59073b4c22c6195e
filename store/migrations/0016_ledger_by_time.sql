-- Schema version 16: an item's ledger is read in time order
------------------------------------------------------------------------------------------

-- The pharmacy ledger lists an item's movements newest first by the time each happened,
-- then by the order recorded. Times can run against the order of recording (deliveries
-- entered after the day they arrived, a clock set back), so ordering by id put them in
-- the wrong place. With the time in the item's index a page of the ledger and the sum
-- behind its balances read adjacent index entries instead of sorting every movement of
-- the item.
DROP INDEX stock_movements_item;
CREATE INDEX stock_movements_item ON stock_movements(item_id, created_at, id);
