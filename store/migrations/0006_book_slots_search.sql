-- Schema version 6: the read paths of the book, the free slots and the registry search
------------------------------------------------------------------------------------------

-- The free-slot search and the overlap triggers read a doctor's appointments for their
-- start, end and status. With the three in the index, a month of a doctor's visits is a
-- few adjacent index pages instead of one table page per visit, scattered among the
-- other doctors' rows.
DROP INDEX appointments_doctor_start;
CREATE INDEX appointments_doctor_start ON appointments(doctor_id, starts_at, ends_at, status);

-- The appointment book keeps every patient's name and code in memory (a day of the book
-- names 1,700 patients at random, and reading each from the table cost most of the day
-- view). A change to a name or a code, and a deletion, is logged here so that every
-- process's copy drops that patient before it next draws the book.
CREATE TABLE patient_name_changes (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL
);

-- Skips the code assignment of a new patient (OLD.patient_code IS NULL): no copy holds
-- a patient before the insert commits.
CREATE TRIGGER patient_name_changes_update AFTER UPDATE OF first_name, last_name, patient_code ON patients
WHEN OLD.patient_code IS NOT NULL AND (NEW.first_name IS NOT OLD.first_name OR NEW.last_name IS NOT OLD.last_name
                                       OR NEW.patient_code IS NOT OLD.patient_code) BEGIN
    INSERT INTO patient_name_changes(patient_id) VALUES (NEW.id);
END;

CREATE TRIGGER patient_name_changes_delete AFTER DELETE ON patients BEGIN
    INSERT INTO patient_name_changes(patient_id) VALUES (OLD.id);
END;

-- The registry's search index, rebuilt from a view of what it indexes:
-- * code_number is the patient code without its 'PAT': indexed whole, every code began
--   with the prefix "pat", so typing "Pat" (for Patel) walked all 100,000 codes.
-- * joined_name is the name with apostrophes and hyphens taken out, for names that have
--   them ("OBrien" for O'Brien): the tokenizer splits "O'B" into "o" and "b", and a
--   one-letter prefix has no prefix index. It is empty for other names.
-- The triggers read the view too, before a change (to take the old row out) and after it.
DROP TRIGGER patients_fts_update;
DROP TRIGGER patients_fts_delete;
DROP TRIGGER patients_after_insert;
DROP TABLE patients_fts;

CREATE VIEW patients_search AS
SELECT id, first_name, last_name, phone, email, substr(patient_code, 4) AS code_number,
       CASE WHEN first_name || last_name GLOB '*[''’-]*'
            THEN replace(replace(replace(first_name || ' ' || last_name, '''', ''), '’', ''), '-', '')
            ELSE '' END AS joined_name
  FROM patients;

CREATE VIRTUAL TABLE patients_fts USING fts5(
    first_name, last_name, phone, email, code_number, joined_name,
    content = 'patients_search', content_rowid = 'id', prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO patients_fts(patients_fts) VALUES ('rebuild');

-- The patient code, the search index and the audit row of a new patient are written in
-- one trigger, in this order, so the index and the audit row both carry the code.
CREATE TRIGGER patients_after_insert AFTER INSERT ON patients BEGIN
    UPDATE patients SET patient_code = 'PAT' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND patient_code IS NULL;
    INSERT INTO patients_fts(rowid, first_name, last_name, phone, email, code_number, joined_name)
    SELECT id, first_name, last_name, phone, email, code_number, joined_name FROM patients_search WHERE id = NEW.id;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'patients', p.id, p.id, 'INSERT',
           json_object('id', p.id, 'patient_code', p.patient_code, 'user_id', p.user_id,
                       'first_name', p.first_name, 'last_name', p.last_name,
                       'date_of_birth', p.date_of_birth, 'sex', p.sex, 'phone', p.phone,
                       'email', p.email, 'address', p.address,
                       'emergency_contact_name', p.emergency_contact_name,
                       'emergency_contact_phone', p.emergency_contact_phone,
                       'blood_group', p.blood_group, 'created_at', p.created_at,
                       'updated_at', p.updated_at)
      FROM patients p WHERE p.id = NEW.id;
END;

-- Skips the code assignment above (OLD.patient_code IS NULL): that is part of the insert.
CREATE TRIGGER patients_fts_before_update BEFORE UPDATE OF first_name, last_name, phone, patient_code, email ON patients
WHEN OLD.patient_code IS NOT NULL BEGIN
    INSERT INTO patients_fts(patients_fts, rowid, first_name, last_name, phone, email, code_number, joined_name)
    SELECT 'delete', id, first_name, last_name, phone, email, code_number, joined_name FROM patients_search WHERE id = OLD.id;
END;

CREATE TRIGGER patients_fts_after_update AFTER UPDATE OF first_name, last_name, phone, patient_code, email ON patients
WHEN OLD.patient_code IS NOT NULL BEGIN
    INSERT INTO patients_fts(rowid, first_name, last_name, phone, email, code_number, joined_name)
    SELECT id, first_name, last_name, phone, email, code_number, joined_name FROM patients_search WHERE id = NEW.id;
END;

CREATE TRIGGER patients_fts_delete BEFORE DELETE ON patients BEGIN
    INSERT INTO patients_fts(patients_fts, rowid, first_name, last_name, phone, email, code_number, joined_name)
    SELECT 'delete', id, first_name, last_name, phone, email, code_number, joined_name FROM patients_search WHERE id = OLD.id;
END;

-- No query reads the audit rows still to be sealed through an index (the sealing reads
-- the rows its own transaction wrote, by id), and each audit row cost this index an
-- insert and a delete.
DROP INDEX audit_log_unsealed;
