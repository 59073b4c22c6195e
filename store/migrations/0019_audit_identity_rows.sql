-- Schema version 19: the audit trail's (table, row) index holds only identity rows
------------------------------------------------------------------------------------------

-- Only an erasure reads audit rows by table and row: those of the patient's own record
-- and of their login. Every other audit row (a booking's, a prescription's: nearly all
-- of them) was written into the index too, a page more at each booking's commit. The
-- index now holds the rows of those four tables alone.
DROP INDEX audit_log_table_row;
CREATE INDEX audit_log_identity_rows ON audit_log(table_name, row_id)
    WHERE table_name IN ('patients', 'users', 'session', 'user_ssh_keys');
