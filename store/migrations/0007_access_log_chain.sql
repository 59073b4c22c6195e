-- Schema version 7: the access log is sealed into a chain like the audit trail
------------------------------------------------------------------------------------------

-- The seal of each row, set once by the transaction that wrote it. Rows already in the
-- log stay unsealed: they were written before the chain, and the witness's anchor says
-- up to which row that is.
ALTER TABLE access_log ADD COLUMN prev_hash TEXT;
ALTER TABLE access_log ADD COLUMN hash TEXT;

-- Append-only still, except that an unsealed row may be given its seal, once.
DROP TRIGGER access_log_no_update;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.user_id IS NOT OLD.user_id
  OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.allowed IS NOT OLD.allowed OR NEW.reason IS NOT OLD.reason
BEGIN SELECT RAISE(ABORT, 'append_only: the access log cannot be changed'); END;
