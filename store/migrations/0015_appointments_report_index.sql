-- Schema version 15: the appointments report reads one index
------------------------------------------------------------------------------------------

-- The appointments report counts each doctor's month of visits by status, overbook
-- reason and the wait from check-in to consultation. With those columns in the
-- doctor's index the report reads a few adjacent index pages per doctor, in doctor
-- order, instead of a table row per visit and a sort of the month's visits (on the
-- large demo, 45,000 visits: a third of the time the report took).
DROP INDEX appointments_doctor_start;
CREATE INDEX appointments_doctor_start ON appointments(doctor_id, starts_at, ends_at, status,
    overbook_reason, checked_in_at, consultation_started_at);
