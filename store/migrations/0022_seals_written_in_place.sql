-- Schema version 22: a row's seals are written over it in place
------------------------------------------------------------------------------------------

-- audit_log and access_log rows are now written with 32 zero bytes in prev_hash and
-- hash, "not sealed yet", which the row's seal overwrites in place in the same
-- transaction. Written as NULL, each row grew by 70 bytes when it was sealed, and
-- SQLite split the page it had just filled: a tenth of the audit log's pages stood half
-- empty. Rows already in the file keep what they hold (NULL on a row left unsealed).
--
-- Only the columns' DEFAULT changes, which leaves every stored row as it is, so the
-- tables' text is edited in sqlite_schema (as SQLite's ALTER TABLE documentation allows
-- for a default) rather than each log copied into a new table. Each log's seal columns
-- are written one of two ways: as schema.sql lays them out, or appended by ALTER TABLE
-- (access_log upgraded from version 5 or 6, 0007_access_log_chain.sql). A file of any
-- other layout is reported as drifted from the schema when it is opened.

PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(replace(replace(replace(sql,
             'prev_hash  TEXT', 'prev_hash  TEXT DEFAULT (zeroblob(32))'),
             'hash       TEXT', 'hash       TEXT DEFAULT (zeroblob(32))'),
             ', prev_hash TEXT', ', prev_hash TEXT DEFAULT (zeroblob(32))'),
             ', hash TEXT', ', hash TEXT DEFAULT (zeroblob(32))')
 WHERE type = 'table' AND name IN ('audit_log', 'access_log');
PRAGMA writable_schema = RESET;

-- The append-only triggers and audit_trail read 32 zero bytes as no seal.
DROP TRIGGER audit_log_no_update;
-- A sealed row never changes, but for an erasure: a value (old_values, new_values) may
-- become the marker {"erased_sha256":"<its digest>"}, which the seal covers as it covered
-- the value, and actor_name may become {"erased_sha256":"<its digest>","seal":"m1:<MAC>"},
-- the erasure's keyed seal over the row as it was (see store/audit_erasure.go). A marker
-- holding a wrong digest or seal fails `clinicdesk audit verify`. An unsealed row (NULL
-- or 32 zero bytes in hash) may only be given its seal, once: zero bytes are no seal.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.action IS NOT OLD.action OR NEW.shape IS NOT OLD.shape
  OR CASE WHEN nullif(OLD.hash, zeroblob(32)) IS NULL
     THEN nullif(NEW.hash, zeroblob(32)) IS NULL OR NEW.actor_name IS NOT OLD.actor_name
       OR NEW.old_values IS NOT OLD.old_values OR NEW.new_values IS NOT OLD.new_values
     ELSE NEW.hash IS NOT OLD.hash OR NEW.prev_hash IS NOT OLD.prev_hash
       OR NEW.actor_name IS NOT OLD.actor_name AND NOT (length(NEW.actor_name) = 161
          AND substr(NEW.actor_name, 1, 18) = '{"erased_sha256":"' AND substr(NEW.actor_name, 19, 64) NOT GLOB '*[^0-9a-f]*'
          AND substr(NEW.actor_name, 83, 13) = '","seal":"m1:' AND substr(NEW.actor_name, 96, 64) NOT GLOB '*[^0-9a-f]*'
          AND substr(NEW.actor_name, 160) = '"}')
       OR NEW.old_values IS NOT OLD.old_values AND NOT (length(NEW.old_values) = 84
          AND substr(NEW.old_values, 1, 18) = '{"erased_sha256":"' AND substr(NEW.old_values, 19, 64) NOT GLOB '*[^0-9a-f]*'
          AND substr(NEW.old_values, 83) = '"}')
       OR NEW.new_values IS NOT OLD.new_values AND NOT (length(NEW.new_values) = 84
          AND substr(NEW.new_values, 1, 18) = '{"erased_sha256":"' AND substr(NEW.new_values, 19, 64) NOT GLOB '*[^0-9a-f]*'
          AND substr(NEW.new_values, 83) = '"}')
     END
BEGIN SELECT RAISE(ABORT, 'append_only: the audit log cannot be changed'); END;

DROP TRIGGER access_log_no_update;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
WHEN nullif(OLD.hash, zeroblob(32)) IS NOT NULL OR nullif(NEW.hash, zeroblob(32)) IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.user_id IS NOT OLD.user_id
  OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.allowed IS NOT OLD.allowed OR NEW.reason IS NOT OLD.reason
BEGIN SELECT RAISE(ABORT, 'append_only: the access log cannot be changed'); END;

DROP VIEW audit_trail;
-- The audit trail as people read it: each row's values as a JSON object naming each
-- value (by the row's shape), whichever way the row stored them. An erasure marker
-- stays as it is; a value past its shape's names (a row edited outside ClinicDesk,
-- which its seal reports) is named by its place, [n]. A seal shows as its text, and a
-- row not sealed yet (32 zero bytes) as NULL.
CREATE VIEW audit_trail AS
SELECT audit_log.id, at, actor_id, actor_name, audit_log.table_name, row_id, patient_id, action,
       CASE WHEN s.id IS NULL OR json_type(old_values) IS NOT 'array' THEN old_values
       ELSE (SELECT json_group_object(coalesce(s.columns ->> v.key, '[' || v.key || ']'), v.value)
               FROM json_each(old_values) v) END AS old_values,
       CASE WHEN s.id IS NULL OR json_type(new_values) IS NOT 'array' THEN new_values
       ELSE (SELECT json_group_object(coalesce(s.columns ->> v.key, '[' || v.key || ']'), v.value)
               FROM json_each(new_values) v) END AS new_values,
       CASE WHEN typeof(prev_hash) IS NOT 'blob' THEN prev_hash
            WHEN prev_hash <> zeroblob(32) THEN 'm1:' || lower(hex(prev_hash)) END AS prev_hash,
       CASE WHEN typeof(hash) IS NOT 'blob' THEN hash
            WHEN hash <> zeroblob(32) THEN 'm1:' || lower(hex(hash)) END AS hash, shape
  FROM audit_log LEFT JOIN audit_shapes s ON s.id = audit_log.shape;
