-- Schema version 21: keyed seals are stored as their 32 bytes
------------------------------------------------------------------------------------------

-- From this version on the store writes a keyed seal ('m1:' and 64 hex digits) into
-- audit_log and access_log as its 32 bytes, a BLOB, instead of 67 bytes of text: each
-- row holds two, a tenth of the file. The rows sealed before keep their text; both read
-- back as the same text (store/seal_storage.go). The version tells an older ClinicDesk,
-- which would not read the bytes, that the file is newer than it. audit_trail shows
-- the seals as text.

DROP VIEW audit_trail;
-- The audit trail as people read it: each row's values as a JSON object naming each
-- value (by the row's shape), whichever way the row stored them. An erasure marker
-- stays as it is; a value past its shape's names (a row edited outside ClinicDesk,
-- which its seal reports) is named by its place, [n].
CREATE VIEW audit_trail AS
SELECT audit_log.id, at, actor_id, actor_name, audit_log.table_name, row_id, patient_id, action,
       CASE WHEN s.id IS NULL OR json_type(old_values) IS NOT 'array' THEN old_values
       ELSE (SELECT json_group_object(coalesce(s.columns ->> v.key, '[' || v.key || ']'), v.value)
               FROM json_each(old_values) v) END AS old_values,
       CASE WHEN s.id IS NULL OR json_type(new_values) IS NOT 'array' THEN new_values
       ELSE (SELECT json_group_object(coalesce(s.columns ->> v.key, '[' || v.key || ']'), v.value)
               FROM json_each(new_values) v) END AS new_values,
       CASE typeof(prev_hash) WHEN 'blob' THEN 'm1:' || lower(hex(prev_hash)) ELSE prev_hash END AS prev_hash,
       CASE typeof(hash) WHEN 'blob' THEN 'm1:' || lower(hex(hash)) ELSE hash END AS hash, shape
  FROM audit_log LEFT JOIN audit_shapes s ON s.id = audit_log.shape;
