-- ClinicDesk schema: the whole data model and the rules no client can get around.
--
-- It loads in the stock sqlite3 shell (3.40+) and uses no custom SQL functions.
--
-- This file is the current schema, each object once, in reading order: accounts, the
-- patient's chart, scheduling, prescribing, pharmacy and ledger, notifications, audit,
-- search. A new database runs it whole. An existing one is brought up to date by the
-- numbered steps in store/migrations, never by this file: see "Changing the schema" in
-- the README. The updated_at and audit triggers near the end, and the audit_values
-- column that ends each audited table, are generated from internal/schemagen/tables.go
-- by `go generate ./...`.
--
-- Conventions:
--   * times are ISO-8601 text in UTC, 'YYYY-MM-DDTHH:MM:SSZ'; dates are 'YYYY-MM-DD';
--   * money is integer minor units (cents), never floating point;
--   * the acting user of a write is read from audit_context, a row the application
--     writes at the start of each transaction and deletes before commit, so writes made
--     outside the application are audited with no actor;
--   * every rule that the database enforces raises a message 'code: plain words' that
--     the store turns into a typed error.

PRAGMA foreign_keys = ON;

------------------------------------------------------------------------------------------
-- Settings and accounts
------------------------------------------------------------------------------------------
-- One row per clinic setting; a user per person, with a role; doctors' and pharmacists'
-- professional details belong to a user of that role; SSH keys belong to a user.
-- Passwords are stored only as hashes, and the audit trail never records them.

-- The settings a clinic may hold: each is a row here, inserted by the upgrade step that
-- introduced it (and listed below for a new file), so adding one never remakes settings.
CREATE TABLE setting_keys (
    key TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO setting_keys(key) VALUES ('clinic_name'), ('time_zone'), ('currency'),
    ('idle_lock_minutes'), ('demo_password'), ('print_command'), ('prescription_valid_days'),
    ('smtp_host'), ('smtp_port'), ('smtp_tls'), ('smtp_user'), ('smtp_from'),
    ('sms_gateway_url'), ('sms_body_template'), ('reminder_hours'), ('retention_years');
CREATE TABLE settings (
    key        TEXT PRIMARY KEY REFERENCES setting_keys(key),
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        key, value, updated_at)) VIRTUAL
);
-- Settings that must never be shown back nor written into the audit trail: the SMTP
-- password. Its audit rows say that it changed, never what it is.
CREATE TABLE setting_secrets (
    key        TEXT PRIMARY KEY CHECK (key IN ('smtp_password')),
    secret     TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        key, updated_at)) VIRTUAL
);
CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    email                TEXT NOT NULL UNIQUE COLLATE NOCASE
                         CHECK (email LIKE '_%@_%' AND length(email) <= 254),
    full_name            TEXT NOT NULL CHECK (length(trim(full_name)) BETWEEN 1 AND 120),
    role                 TEXT NOT NULL
                         CHECK (role IN ('admin', 'receptionist', 'doctor', 'pharmacist', 'patient')),
    password_hash        TEXT NOT NULL,
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    failed_logins        INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until         TEXT,
    last_login_at        TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, email, full_name, role, active, must_change_password,
        failed_logins, locked_until, last_login_at, created_at, updated_at)) VIRTUAL
);
CREATE INDEX users_role ON users(role, active);

CREATE TABLE user_ssh_keys (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    public_key  TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    comment     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, user_id, public_key, fingerprint, comment, created_at)) VIRTUAL
);
CREATE INDEX user_ssh_keys_user ON user_ssh_keys(user_id);

CREATE TABLE doctors (
    id                     INTEGER PRIMARY KEY,
    user_id                INTEGER NOT NULL UNIQUE REFERENCES users(id),
    qualification          TEXT NOT NULL DEFAULT '',
    licence_number         TEXT NOT NULL UNIQUE CHECK (length(trim(licence_number)) > 0),
    consultation_fee_cents INTEGER NOT NULL DEFAULT 0 CHECK (consultation_fee_cents >= 0),
    created_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, user_id, qualification, licence_number,
        consultation_fee_cents, created_at, updated_at)) VIRTUAL
);

CREATE TABLE doctor_specialisations (
    doctor_id  INTEGER NOT NULL REFERENCES doctors(id) ON DELETE CASCADE,
    speciality TEXT NOT NULL CHECK (length(trim(speciality)) > 0),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        doctor_id, speciality)) VIRTUAL,
    PRIMARY KEY (doctor_id, speciality)
) WITHOUT ROWID;
CREATE INDEX doctor_specialisations_speciality ON doctor_specialisations(speciality, doctor_id);

CREATE TABLE pharmacists (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL UNIQUE REFERENCES users(id),
    licence_number TEXT NOT NULL UNIQUE CHECK (length(trim(licence_number)) > 0),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, user_id, licence_number, created_at, updated_at)) VIRTUAL
);

-- A doctor's or pharmacist's row belongs to a user of that role.
CREATE TRIGGER doctors_role BEFORE INSERT ON doctors
WHEN (SELECT role FROM users WHERE id = NEW.user_id) IS NOT 'doctor'
BEGIN SELECT RAISE(ABORT, 'role_mismatch: a doctor''s record needs a user with the doctor role'); END;

CREATE TRIGGER pharmacists_role BEFORE INSERT ON pharmacists
WHEN (SELECT role FROM users WHERE id = NEW.user_id) IS NOT 'pharmacist'
BEGIN SELECT RAISE(ABORT, 'role_mismatch: a pharmacist''s record needs a user with the pharmacist role'); END;

------------------------------------------------------------------------------------------
-- Patients and their chart
------------------------------------------------------------------------------------------
-- A patient's demographics and chart: history, allergies, current medications, vital
-- signs within physiological limits. Every row names its patient, so a patient's whole
-- record and its audit trail are read by index. A new patient's code (PAT000001) is
-- given by patients_after_insert in the search section, with its index entry.

CREATE TABLE patients (
    id                      INTEGER PRIMARY KEY,
    patient_code            TEXT UNIQUE,
    user_id                 INTEGER UNIQUE REFERENCES users(id),
    first_name              TEXT NOT NULL CHECK (length(trim(first_name)) BETWEEN 1 AND 80),
    last_name               TEXT NOT NULL CHECK (length(trim(last_name)) BETWEEN 1 AND 80),
    date_of_birth           TEXT NOT NULL CHECK (date(date_of_birth) IS date_of_birth),
    sex                     TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    phone                   TEXT NOT NULL DEFAULT '',
    email                   TEXT NOT NULL DEFAULT '',
    address                 TEXT NOT NULL DEFAULT '',
    emergency_contact_name  TEXT NOT NULL DEFAULT '',
    emergency_contact_phone TEXT NOT NULL DEFAULT '',
    blood_group             TEXT NOT NULL DEFAULT 'unknown'
                            CHECK (blood_group IN ('A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', 'unknown')),
    created_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_code, user_id, first_name, last_name,
        date_of_birth, sex, phone, email, address, emergency_contact_name, emergency_contact_phone,
        blood_group, created_at, updated_at)) VIRTUAL
);
CREATE INDEX patients_name_dob ON patients(last_name, first_name, date_of_birth);
CREATE INDEX patients_phone ON patients(phone) WHERE phone <> '';

CREATE TABLE medical_history (
    id           INTEGER PRIMARY KEY,
    patient_id   INTEGER NOT NULL REFERENCES patients(id),
    condition    TEXT NOT NULL CHECK (length(trim(condition)) > 0),
    diagnosed_on TEXT CHECK (diagnosed_on IS NULL OR date(diagnosed_on) IS diagnosed_on),
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'chronic', 'resolved')),
    notes        TEXT NOT NULL DEFAULT '',
    recorded_by  INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, condition, diagnosed_on, status, notes,
        recorded_by, created_at, updated_at)) VIRTUAL
);
CREATE INDEX medical_history_patient ON medical_history(patient_id);

CREATE TABLE allergies (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients(id),
    allergen    TEXT NOT NULL CHECK (length(trim(allergen)) > 0),
    reaction    TEXT NOT NULL DEFAULT '',
    severity    TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
    recorded_by INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, allergen, reaction, severity, recorded_by,
        created_at, updated_at)) VIRTUAL
);
CREATE INDEX allergies_patient ON allergies(patient_id);

CREATE TABLE current_medications (
    id            INTEGER PRIMARY KEY,
    patient_id    INTEGER NOT NULL REFERENCES patients(id),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    dosage        TEXT NOT NULL DEFAULT '',
    frequency     TEXT NOT NULL DEFAULT '',
    started_on    TEXT CHECK (started_on IS NULL OR date(started_on) IS started_on),
    ended_on      TEXT CHECK (ended_on IS NULL OR date(ended_on) IS ended_on),
    prescribed_by TEXT NOT NULL DEFAULT '',
    recorded_by   INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, name, dosage, frequency, started_on,
        ended_on, prescribed_by, recorded_by, created_at, updated_at)) VIRTUAL,
    CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX current_medications_patient ON current_medications(patient_id);

-- A patient who is pregnant or breastfeeding, as the doctor last noted it and on which
-- day: prescribing and dispensing warn about medicines contraindicated then. No row
-- means neither is recorded; clearing the flag deletes the row (audited).
CREATE TABLE patient_pregnancy (
    patient_id  INTEGER PRIMARY KEY REFERENCES patients(id),
    status      TEXT NOT NULL CHECK (status IN ('pregnant', 'breastfeeding')),
    noted_on    TEXT NOT NULL CHECK (date(noted_on) IS noted_on),
    recorded_by INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        patient_id, status, noted_on, recorded_by, created_at,
        updated_at)) VIRTUAL
);

-- Physiological limits: a value outside them is a typing error, not a patient.
CREATE TABLE vital_signs (
    id               INTEGER PRIMARY KEY,
    patient_id       INTEGER NOT NULL REFERENCES patients(id),
    appointment_id   INTEGER REFERENCES appointments(id),
    recorded_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    height_cm        REAL CHECK (height_cm IS NULL OR height_cm BETWEEN 30 AND 250),
    weight_kg        REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 0.5 AND 400),
    systolic_mmhg    INTEGER CHECK (systolic_mmhg IS NULL OR systolic_mmhg BETWEEN 50 AND 260),
    diastolic_mmhg   INTEGER CHECK (diastolic_mmhg IS NULL OR diastolic_mmhg BETWEEN 30 AND 160),
    pulse_bpm        INTEGER CHECK (pulse_bpm IS NULL OR pulse_bpm BETWEEN 20 AND 250),
    temperature_c    REAL CHECK (temperature_c IS NULL OR temperature_c BETWEEN 30 AND 45),
    spo2_percent     INTEGER CHECK (spo2_percent IS NULL OR spo2_percent BETWEEN 50 AND 100),
    respiratory_rate INTEGER CHECK (respiratory_rate IS NULL OR respiratory_rate BETWEEN 4 AND 60),
    recorded_by      INTEGER REFERENCES users(id),
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, appointment_id, recorded_at, height_cm,
        weight_kg, systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c, spo2_percent,
        respiratory_rate, recorded_by, created_at, updated_at)) VIRTUAL,
    CHECK ((systolic_mmhg IS NULL) = (diastolic_mmhg IS NULL)),
    CHECK (systolic_mmhg IS NULL OR systolic_mmhg > diastolic_mmhg)
);
CREATE INDEX vital_signs_patient ON vital_signs(patient_id, recorded_at);

-- A patient's consent to be contacted by e-mail or SMS: one row each time it is
-- recorded, the latest per channel holding. The outbox sends nothing without it.
CREATE TABLE patient_consents (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients(id),
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    granted     INTEGER NOT NULL CHECK (granted IN (0, 1)),
    recorded_at TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', recorded_at) IS recorded_at),
    recorded_by INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, channel, granted, recorded_at, recorded_by,
        created_at, updated_at)) VIRTUAL
);
CREATE INDEX patient_consents_patient ON patient_consents(patient_id, channel, id);

-- A patient whose identifying details were erased: on their request, or once the
-- clinic's retention period after their last visit had passed. The patients row keeps
-- its id and code, with the pseudonym for a name, so the clinical and financial facts
-- that refer to it stay; the details are gone from every table, from the values of the
-- audit trail (each replaced by a marker holding its digest, see store/erasure.go) and
-- from the search index. One row per patient, never changed or removed; an erased
-- patient's details cannot be changed again and they cannot be booked.
CREATE TABLE patient_erasures (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL UNIQUE REFERENCES patients(id),
    pseudonym  TEXT NOT NULL CHECK (length(trim(pseudonym)) BETWEEN 1 AND 80),
    basis      TEXT NOT NULL CHECK (basis IN ('request', 'retention')),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 10 AND 500),
    erased_by  INTEGER REFERENCES users(id),
    erased_at  TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', erased_at) IS erased_at),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, pseudonym, basis, reason, erased_by,
        erased_at)) VIRTUAL
);

CREATE TRIGGER patient_erasures_no_update BEFORE UPDATE ON patient_erasures
BEGIN SELECT RAISE(ABORT, 'append_only: an erasure record cannot be changed'); END;

CREATE TRIGGER patient_erasures_no_delete BEFORE DELETE ON patient_erasures
BEGIN SELECT RAISE(ABORT, 'append_only: an erasure record cannot be changed'); END;

CREATE TRIGGER patients_erased_no_update BEFORE UPDATE ON patients
WHEN EXISTS (SELECT 1 FROM patient_erasures WHERE patient_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'erased: this patient''s details were erased and cannot be changed'); END;

------------------------------------------------------------------------------------------
-- Scheduling
------------------------------------------------------------------------------------------
-- Doctors' weekly hours, leaves and clinic holidays; appointments that never overlap
-- for a doctor or a patient, move only forward through their states, and get a code
-- (APT000001). patient_name_changes tells every process's appointment book which
-- patients' names to read again.

-- Weekly working hours: several blocks a day are allowed; weekday 1 = Monday … 7 = Sunday.
-- Times are the clinic's local wall-clock time 'HH:MM'.
CREATE TABLE doctor_schedules (
    id           INTEGER PRIMARY KEY,
    doctor_id    INTEGER NOT NULL REFERENCES doctors(id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time   TEXT NOT NULL CHECK (time(start_time || ':00') IS start_time || ':00'),
    end_time     TEXT NOT NULL CHECK (time(end_time || ':00') IS end_time || ':00'),
    slot_minutes INTEGER NOT NULL DEFAULT 15 CHECK (slot_minutes BETWEEN 5 AND 240),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, doctor_id, weekday, start_time, end_time, slot_minutes,
        created_at, updated_at)) VIRTUAL,
    CHECK (end_time > start_time)
);
CREATE INDEX doctor_schedules_doctor ON doctor_schedules(doctor_id, weekday, start_time);

CREATE TRIGGER doctor_schedules_no_overlap_insert BEFORE INSERT ON doctor_schedules
WHEN EXISTS (SELECT 1 FROM doctor_schedules s
             WHERE s.doctor_id = NEW.doctor_id AND s.weekday = NEW.weekday
               AND s.start_time < NEW.end_time AND s.end_time > NEW.start_time)
BEGIN SELECT RAISE(ABORT, 'schedule_overlap: working hours overlap another block on the same day'); END;

CREATE TRIGGER doctor_schedules_no_overlap_update BEFORE UPDATE ON doctor_schedules
WHEN EXISTS (SELECT 1 FROM doctor_schedules s
             WHERE s.id <> NEW.id AND s.doctor_id = NEW.doctor_id AND s.weekday = NEW.weekday
               AND s.start_time < NEW.end_time AND s.end_time > NEW.start_time)
BEGIN SELECT RAISE(ABORT, 'schedule_overlap: working hours overlap another block on the same day'); END;

CREATE TABLE doctor_leaves (
    id         INTEGER PRIMARY KEY,
    doctor_id  INTEGER NOT NULL REFERENCES doctors(id),
    starts_on  TEXT NOT NULL CHECK (date(starts_on) IS starts_on),
    ends_on    TEXT NOT NULL CHECK (date(ends_on) IS ends_on),
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, doctor_id, starts_on, ends_on, reason, created_at,
        updated_at)) VIRTUAL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX doctor_leaves_doctor ON doctor_leaves(doctor_id, starts_on);

CREATE TABLE clinic_holidays (
    id         INTEGER PRIMARY KEY,
    day        TEXT NOT NULL UNIQUE CHECK (date(day) IS day),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, day, name, created_at, updated_at)) VIRTUAL
);

-- An appointment occupies [starts_at, ends_at) of its doctor's and its patient's time
-- unless it was cancelled or missed. Its length is bounded (5 to 240 minutes) so that the
-- overlap triggers only look a bounded distance back through the index.
CREATE TABLE appointments (
    id                      INTEGER PRIMARY KEY,
    appointment_code        TEXT UNIQUE,
    patient_id              INTEGER NOT NULL REFERENCES patients(id),
    doctor_id               INTEGER NOT NULL REFERENCES doctors(id),
    starts_at               TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', starts_at) IS starts_at),
    ends_at                 TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', ends_at) IS ends_at),
    status                  TEXT NOT NULL DEFAULT 'scheduled'
                            CHECK (status IN ('scheduled', 'confirmed', 'checked_in', 'in_consultation',
                                              'completed', 'cancelled', 'no_show')),
    reason                  TEXT NOT NULL DEFAULT '',
    notes                   TEXT NOT NULL DEFAULT '',
    cancel_reason           TEXT,
    fee_cents               INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
    payment_status          TEXT NOT NULL DEFAULT 'unpaid'
                            CHECK (payment_status IN ('unpaid', 'paid', 'waived', 'refunded')),
    payment_method          TEXT CHECK (payment_method IS NULL OR
                                        payment_method IN ('cash', 'card', 'upi', 'insurance', 'other')),
    amount_paid_cents       INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid_cents >= 0),
    paid_at                 TEXT,
    checked_in_at           TEXT,
    consultation_started_at TEXT,
    completed_at            TEXT,
    series_id               INTEGER,
    booked_by               INTEGER REFERENCES users(id),
    created_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    overbook_reason         TEXT CHECK (overbook_reason IS NULL OR length(trim(overbook_reason)) > 0),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, appointment_code, patient_id, doctor_id, starts_at,
        ends_at, status, reason, notes, cancel_reason, fee_cents, payment_status, payment_method,
        amount_paid_cents, paid_at, checked_in_at, consultation_started_at, completed_at, series_id,
        booked_by, created_at, updated_at, overbook_reason)) VIRTUAL,
    CHECK ((julianday(ends_at) - julianday(starts_at)) * 1440 BETWEEN 4.99 AND 240.01),
    CHECK (status <> 'cancelled' OR length(trim(coalesce(cancel_reason, ''))) > 0),
    CHECK (payment_status <> 'paid' OR payment_method IS NOT NULL)
);
-- The free-slot search and the overlap triggers read a doctor's appointments for their
-- start, end, status and overbook reason, and the appointments report also their
-- check-in and consultation times: with these in the index, a month of a doctor's visits
-- is a few adjacent index pages, read in the report's doctor order without a sort.
CREATE INDEX appointments_doctor_start ON appointments(doctor_id, starts_at, ends_at, status,
    overbook_reason, checked_in_at, consultation_started_at);
CREATE INDEX appointments_patient_start ON appointments(patient_id, starts_at);
CREATE INDEX appointments_start ON appointments(starts_at);
CREATE INDEX appointments_waiting ON appointments(doctor_id, checked_in_at) WHERE status = 'checked_in';
CREATE INDEX appointments_unpaid ON appointments(patient_id) WHERE payment_status = 'unpaid' AND fee_cents > 0;

-- A clinic may overbook on purpose: a row that states its overbook_reason may share its
-- doctor's time, and a row may share the time of one that states it. Two rows without a
-- reason never overlap. A patient is never in two places at once, overbooked or not.
CREATE TRIGGER appointments_no_doctor_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status NOT IN ('cancelled', 'no_show') AND NEW.overbook_reason IS NULL AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.doctor_id = NEW.doctor_id
      AND a.starts_at < NEW.ends_at
      AND a.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.starts_at, '-240 minutes')
      AND a.ends_at > NEW.starts_at
      AND a.status NOT IN ('cancelled', 'no_show')
      AND a.overbook_reason IS NULL)
BEGIN SELECT RAISE(ABORT, 'doctor_overlap: the doctor already has an appointment at that time'); END;

CREATE TRIGGER appointments_no_patient_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status NOT IN ('cancelled', 'no_show') AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.patient_id = NEW.patient_id
      AND a.starts_at < NEW.ends_at
      AND a.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.starts_at, '-240 minutes')
      AND a.ends_at > NEW.starts_at
      AND a.status NOT IN ('cancelled', 'no_show'))
BEGIN SELECT RAISE(ABORT, 'patient_overlap: the patient already has an appointment at that time'); END;

CREATE TRIGGER appointments_no_doctor_overlap_update
BEFORE UPDATE OF doctor_id, starts_at, ends_at, status, overbook_reason ON appointments
WHEN NEW.status NOT IN ('cancelled', 'no_show') AND NEW.overbook_reason IS NULL AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.doctor_id = NEW.doctor_id AND a.id <> NEW.id
      AND a.starts_at < NEW.ends_at
      AND a.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.starts_at, '-240 minutes')
      AND a.ends_at > NEW.starts_at
      AND a.status NOT IN ('cancelled', 'no_show')
      AND a.overbook_reason IS NULL)
BEGIN SELECT RAISE(ABORT, 'doctor_overlap: the doctor already has an appointment at that time'); END;

CREATE TRIGGER appointments_no_patient_overlap_update
BEFORE UPDATE OF patient_id, starts_at, ends_at, status ON appointments
WHEN NEW.status NOT IN ('cancelled', 'no_show') AND EXISTS (
    SELECT 1 FROM appointments a
    WHERE a.patient_id = NEW.patient_id AND a.id <> NEW.id
      AND a.starts_at < NEW.ends_at
      AND a.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.starts_at, '-240 minutes')
      AND a.ends_at > NEW.starts_at
      AND a.status NOT IN ('cancelled', 'no_show'))
BEGIN SELECT RAISE(ABORT, 'patient_overlap: the patient already has an appointment at that time'); END;

-- An erased patient is no longer the clinic's patient: nothing new is booked for them.
CREATE TRIGGER appointments_not_for_erased BEFORE INSERT ON appointments
WHEN EXISTS (SELECT 1 FROM patient_erasures WHERE patient_id = NEW.patient_id)
BEGIN SELECT RAISE(ABORT, 'erased: this patient''s details were erased, so nothing new can be booked for them'); END;

-- The life of an appointment: scheduled → confirmed → checked_in → in_consultation →
-- completed, or cancelled / no_show before the consultation starts. Finished ones are final.
CREATE TRIGGER appointments_status_flow BEFORE UPDATE OF status ON appointments
WHEN NEW.status IS NOT OLD.status AND NOT (
       (OLD.status = 'scheduled'       AND NEW.status IN ('confirmed', 'checked_in', 'cancelled', 'no_show'))
    OR (OLD.status = 'confirmed'       AND NEW.status IN ('scheduled', 'checked_in', 'cancelled', 'no_show'))
    OR (OLD.status = 'checked_in'      AND NEW.status IN ('in_consultation', 'cancelled', 'no_show', 'confirmed'))
    OR (OLD.status = 'in_consultation' AND NEW.status IN ('completed')))
BEGIN SELECT RAISE(ABORT, 'status_flow: that appointment status change is not allowed'); END;

CREATE TRIGGER appointments_after_insert AFTER INSERT ON appointments BEGIN
    UPDATE appointments SET appointment_code = 'APT' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND appointment_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', NEW.id, NEW.patient_id, 'INSERT', 19, zeroblob(32));
END;

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

------------------------------------------------------------------------------------------
-- Prescribing
------------------------------------------------------------------------------------------
-- A prescription belongs to its appointment's patient and doctor, gets a code
-- (RX000001), and once submitted is frozen with its medications and tests: the only
-- change is a signed amendment. Prescriptions are never deleted. Doctors keep
-- favourite sets of lines. It is written in a started consultation (the appointment
-- checked in, in consultation or completed) or carries the doctor's reason for
-- prescribing without one. Submitted, it is valid until valid_until (30 days by
-- default, up to a year with a chronic line) and may be dispensed 1 + refills_allowed
-- times: the schema refuses a dispense after its validity or beyond its refills.

CREATE TABLE prescriptions (
    id                INTEGER PRIMARY KEY,
    prescription_code TEXT UNIQUE,
    appointment_id    INTEGER NOT NULL UNIQUE REFERENCES appointments(id),
    patient_id        INTEGER NOT NULL REFERENCES patients(id),
    doctor_id         INTEGER NOT NULL REFERENCES doctors(id),
    diagnosis         TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    sketch            TEXT NOT NULL DEFAULT '' CHECK (length(CAST(sketch AS BLOB)) <= 8192),
    status            TEXT NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'submitted', 'dispensing', 'fulfilled', 'cancelled')),
    submitted_at      TEXT,
    cancel_reason     TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    valid_until       TEXT CHECK (valid_until IS NULL OR (submitted_at IS NOT NULL
                                  AND julianday(valid_until) - julianday(submitted_at) BETWEEN 1 AND 366)),
    refills_allowed   INTEGER NOT NULL DEFAULT 0 CHECK (refills_allowed BETWEEN 0 AND 12),
    no_consultation_reason TEXT CHECK (no_consultation_reason IS NULL
                                       OR length(trim(no_consultation_reason)) > 0),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_code, appointment_id, patient_id,
        doctor_id, diagnosis, notes, sketch, status, submitted_at, cancel_reason, created_at,
        updated_at, valid_until, refills_allowed, no_consultation_reason)) VIRTUAL,
    CHECK (status = 'draft' OR submitted_at IS NOT NULL OR status = 'cancelled'),
    CHECK (status <> 'cancelled' OR length(trim(coalesce(cancel_reason, ''))) > 0)
);
CREATE INDEX prescriptions_status_created ON prescriptions(status, created_at);
CREATE INDEX prescriptions_patient ON prescriptions(patient_id, created_at);
CREATE INDEX prescriptions_doctor ON prescriptions(doctor_id, created_at);
-- The pharmacy queue pages the waiting prescriptions oldest first: this index holds
-- only them, in that order, so the page is read without sorting the whole queue.
CREATE INDEX prescriptions_queue ON prescriptions(submitted_at, id) WHERE status IN ('submitted', 'dispensing');

-- A prescription belongs to the patient and doctor of its appointment.
CREATE TRIGGER prescriptions_match_appointment BEFORE INSERT ON prescriptions
WHEN NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = NEW.appointment_id
                 AND a.patient_id = NEW.patient_id AND a.doctor_id = NEW.doctor_id)
BEGIN SELECT RAISE(ABORT, 'prescription_mismatch: the prescription must belong to its appointment''s patient and doctor'); END;

-- A prescription is written in a started consultation, or says why not.
CREATE TRIGGER prescriptions_need_consultation BEFORE INSERT ON prescriptions
WHEN NEW.no_consultation_reason IS NULL
 AND (SELECT status FROM appointments WHERE id = NEW.appointment_id) NOT IN ('checked_in', 'in_consultation', 'completed')
BEGIN SELECT RAISE(ABORT, 'no_consultation: the consultation has not started; give a reason to prescribe without one'); END;

-- A submitted prescription says how long it is valid.
CREATE TRIGGER prescriptions_submit_validity BEFORE UPDATE OF status ON prescriptions
WHEN NEW.status IN ('submitted', 'dispensing', 'fulfilled') AND NEW.valid_until IS NULL
BEGIN SELECT RAISE(ABORT, 'validity: a submitted prescription needs its valid_until'); END;

-- A prescription the pharmacy has started dispensing cannot be withdrawn; the pharmacy
-- may cancel its fulfilment (putting the stock back), which then lets it go.
CREATE TRIGGER prescriptions_withdraw_undispensed BEFORE UPDATE OF status ON prescriptions
WHEN NEW.status = 'cancelled' AND OLD.status <> 'cancelled' AND EXISTS (
       SELECT 1 FROM pharmacy_fulfillments f JOIN fulfillment_items fi ON fi.fulfillment_id = f.id
        WHERE f.prescription_id = NEW.id AND f.status <> 'cancelled')
BEGIN SELECT RAISE(ABORT, 'dispensing_started: the pharmacy has started dispensing this prescription; it cannot be withdrawn'); END;

CREATE TRIGGER prescriptions_status_flow BEFORE UPDATE OF status ON prescriptions
WHEN NEW.status IS NOT OLD.status AND NOT (
       (OLD.status = 'draft'      AND NEW.status IN ('submitted', 'cancelled'))
    OR (OLD.status = 'submitted'  AND NEW.status IN ('dispensing', 'fulfilled', 'cancelled'))
    OR (OLD.status = 'dispensing' AND NEW.status IN ('fulfilled', 'cancelled')))
BEGIN SELECT RAISE(ABORT, 'status_flow: that prescription status change is not allowed'); END;

CREATE TRIGGER prescriptions_immutable BEFORE UPDATE ON prescriptions
WHEN OLD.status <> 'draft' AND (
       NEW.appointment_id IS NOT OLD.appointment_id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.doctor_id IS NOT OLD.doctor_id OR NEW.diagnosis IS NOT OLD.diagnosis
    OR NEW.notes IS NOT OLD.notes OR NEW.sketch IS NOT OLD.sketch
    OR NEW.submitted_at IS NOT OLD.submitted_at OR NEW.valid_until IS NOT OLD.valid_until
    OR NEW.refills_allowed IS NOT OLD.refills_allowed
    OR NEW.no_consultation_reason IS NOT OLD.no_consultation_reason)
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescriptions_no_delete BEFORE DELETE ON prescriptions
WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be deleted; cancel it instead'); END;

CREATE TABLE prescription_medications (
    id                      INTEGER PRIMARY KEY,
    prescription_id         INTEGER NOT NULL REFERENCES prescriptions(id) ON DELETE CASCADE,
    position                INTEGER NOT NULL DEFAULT 0,
    inventory_item_id       INTEGER REFERENCES inventory_items(id),
    name                    TEXT NOT NULL CHECK (length(trim(name)) > 0),
    generic_name            TEXT NOT NULL DEFAULT '',
    strength                TEXT NOT NULL DEFAULT '',
    form                    TEXT NOT NULL DEFAULT '',
    dosage                  TEXT NOT NULL DEFAULT '',
    frequency               TEXT NOT NULL DEFAULT '',
    duration_days           INTEGER CHECK (duration_days IS NULL OR duration_days BETWEEN 1 AND 3650),
    route                   TEXT NOT NULL DEFAULT 'oral',
    instructions            TEXT NOT NULL DEFAULT '',
    quantity                INTEGER NOT NULL CHECK (quantity > 0),
    allergy_override_reason TEXT,
    created_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    chronic                 INTEGER NOT NULL DEFAULT 0 CHECK (chronic IN (0, 1)),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_id, position, inventory_item_id, name,
        generic_name, strength, form, dosage, frequency, duration_days, route, instructions,
        quantity, allergy_override_reason, created_at, updated_at, chronic)) VIRTUAL
);
CREATE INDEX prescription_medications_prescription ON prescription_medications(prescription_id, position);

CREATE TABLE prescription_tests (
    id              INTEGER PRIMARY KEY,
    prescription_id INTEGER NOT NULL REFERENCES prescriptions(id) ON DELETE CASCADE,
    test_name       TEXT NOT NULL CHECK (length(trim(test_name)) > 0),
    priority        TEXT NOT NULL DEFAULT 'routine' CHECK (priority IN ('routine', 'urgent', 'stat')),
    instructions    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_id, test_name, priority, instructions,
        created_at, updated_at)) VIRTUAL
);
CREATE INDEX prescription_tests_prescription ON prescription_tests(prescription_id);

-- The only way to change what a submitted prescription says: a signed, audited note.
CREATE TABLE prescription_amendments (
    id              INTEGER PRIMARY KEY,
    prescription_id INTEGER NOT NULL REFERENCES prescriptions(id),
    reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    amendment       TEXT NOT NULL CHECK (length(trim(amendment)) > 0),
    author_id       INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_id, reason, amendment, author_id,
        created_at, updated_at)) VIRTUAL
);
CREATE INDEX prescription_amendments_prescription ON prescription_amendments(prescription_id);

CREATE TRIGGER prescription_amendments_append_only BEFORE UPDATE ON prescription_amendments
BEGIN SELECT RAISE(ABORT, 'immutable: an amendment cannot be changed'); END;

CREATE TRIGGER prescription_amendments_no_delete BEFORE DELETE ON prescription_amendments
BEGIN SELECT RAISE(ABORT, 'immutable: an amendment cannot be deleted'); END;

-- Medications and tests of a submitted prescription are frozen with it.
CREATE TRIGGER prescription_medications_frozen_insert BEFORE INSERT ON prescription_medications
WHEN (SELECT status FROM prescriptions WHERE id = NEW.prescription_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescription_medications_frozen_update BEFORE UPDATE ON prescription_medications
WHEN (SELECT status FROM prescriptions WHERE id = OLD.prescription_id) <> 'draft'
  OR (SELECT status FROM prescriptions WHERE id = NEW.prescription_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescription_medications_frozen_delete BEFORE DELETE ON prescription_medications
WHEN (SELECT status FROM prescriptions WHERE id = OLD.prescription_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescription_tests_frozen_insert BEFORE INSERT ON prescription_tests
WHEN (SELECT status FROM prescriptions WHERE id = NEW.prescription_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescription_tests_frozen_update BEFORE UPDATE ON prescription_tests
WHEN (SELECT status FROM prescriptions WHERE id = OLD.prescription_id) <> 'draft'
  OR (SELECT status FROM prescriptions WHERE id = NEW.prescription_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescription_tests_frozen_delete BEFORE DELETE ON prescription_tests
WHEN (SELECT status FROM prescriptions WHERE id = OLD.prescription_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

-- What a doctor's override reason (prescription_medications.allergy_override_reason) was
-- given against: each recorded allergy and severe interaction the line had when it was
-- written, as the doctor was shown it. warning_key names the warning as the store checks
-- it again at the pharmacy counter, so the pharmacist sees which warnings the doctor
-- weighed. Frozen with its prescription.
CREATE TABLE prescription_overrides (
    id                         INTEGER PRIMARY KEY,
    prescription_medication_id INTEGER NOT NULL REFERENCES prescription_medications(id) ON DELETE CASCADE,
    kind                       TEXT NOT NULL CHECK (kind IN ('allergy', 'interaction')),
    severity                   TEXT NOT NULL DEFAULT '',
    warning_key                TEXT NOT NULL CHECK (length(warning_key) BETWEEN 1 AND 500),
    warning                    TEXT NOT NULL CHECK (length(trim(warning)) BETWEEN 1 AND 2000),
    created_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_medication_id, kind, severity, warning_key,
        warning, created_at)) VIRTUAL,
    UNIQUE (prescription_medication_id, warning_key)
);

CREATE TRIGGER prescription_overrides_reasoned BEFORE INSERT ON prescription_overrides
WHEN (SELECT allergy_override_reason FROM prescription_medications WHERE id = NEW.prescription_medication_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'override_reason: an override needs the doctor''s reason on its line'); END;

CREATE TRIGGER prescription_overrides_frozen_insert BEFORE INSERT ON prescription_overrides
WHEN (SELECT r.status FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id
      WHERE m.id = NEW.prescription_medication_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescription_overrides_no_update BEFORE UPDATE ON prescription_overrides
BEGIN SELECT RAISE(ABORT, 'immutable: an override is replaced with its line, never changed'); END;

CREATE TRIGGER prescription_overrides_frozen_delete BEFORE DELETE ON prescription_overrides
WHEN (SELECT r.status FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id
      WHERE m.id = OLD.prescription_medication_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescriptions_after_insert AFTER INSERT ON prescriptions BEGIN
    UPDATE prescriptions SET prescription_code = 'RX' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND prescription_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', NEW.id, NEW.patient_id, 'INSERT', 20, zeroblob(32));
END;

-- A doctor's favourite prescriptions: saved sets of medication lines to add to a
-- prescription in one step. The lines are a JSON array of objects with the fields of a
-- medication line (name, generic_name, strength, form, dosage, frequency, duration_days,
-- route, instructions, quantity, inventory_item_id, chronic).
CREATE TABLE prescription_favourites (
    id         INTEGER PRIMARY KEY,
    doctor_id  INTEGER NOT NULL REFERENCES doctors(id),
    name       TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    items      TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'
                                    AND json_array_length(items) BETWEEN 1 AND 30),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, doctor_id, name, items, created_at, updated_at)) VIRTUAL,
    UNIQUE (doctor_id, name)
);

------------------------------------------------------------------------------------------
-- Pharmacy: inventory, the stock ledger and fulfilments
------------------------------------------------------------------------------------------
-- Stock changes only through the append-only ledger (stock_movements), never below
-- zero, and each item's and batch's stock is the ledger's running total. Items and
-- batches are never deleted. One fulfilment per prescription; a walk-in sale has none.

-- current_stock is a running total of stock_movements; last_movement_id proves that each
-- change came from the ledger (see the *_stock_from_ledger triggers).
CREATE TABLE inventory_items (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    generic_name     TEXT NOT NULL DEFAULT '',
    drug_class       TEXT NOT NULL DEFAULT '',
    strength         TEXT NOT NULL DEFAULT '',
    form             TEXT NOT NULL DEFAULT '',
    unit             TEXT NOT NULL DEFAULT 'unit',
    over_the_counter INTEGER NOT NULL DEFAULT 0 CHECK (over_the_counter IN (0, 1)),
    current_stock    INTEGER NOT NULL DEFAULT 0 CHECK (current_stock >= 0),
    minimum_stock    INTEGER NOT NULL DEFAULT 0 CHECK (minimum_stock >= 0),
    unit_price_cents INTEGER NOT NULL DEFAULT 0 CHECK (unit_price_cents >= 0),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    last_movement_id INTEGER,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, name, generic_name, drug_class, strength, form, unit,
        over_the_counter, current_stock, minimum_stock, unit_price_cents, active, last_movement_id,
        created_at, updated_at)) VIRTUAL
);
CREATE INDEX inventory_items_low_stock ON inventory_items(current_stock, minimum_stock);

CREATE TABLE inventory_batches (
    id               INTEGER PRIMARY KEY,
    item_id          INTEGER NOT NULL REFERENCES inventory_items(id),
    batch_number     TEXT NOT NULL CHECK (length(trim(batch_number)) > 0),
    expires_on       TEXT NOT NULL CHECK (date(expires_on) IS expires_on),
    quantity_left    INTEGER NOT NULL DEFAULT 0 CHECK (quantity_left >= 0),
    unit_cost_cents  INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost_cents >= 0),
    supplier         TEXT NOT NULL DEFAULT '',
    received_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_movement_id INTEGER,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, item_id, batch_number, expires_on, quantity_left,
        unit_cost_cents, supplier, received_at, last_movement_id, created_at, updated_at)) VIRTUAL,
    UNIQUE (item_id, batch_number)
);
CREATE INDEX inventory_batches_fefo ON inventory_batches(item_id, expires_on) WHERE quantity_left > 0;
CREATE INDEX inventory_batches_expiry ON inventory_batches(expires_on) WHERE quantity_left > 0;

-- The ledger. quantity is the signed change: receipts add, everything else but an
-- adjustment takes away. Rows are never changed or removed.
CREATE TABLE stock_movements (
    id             INTEGER PRIMARY KEY,
    item_id        INTEGER NOT NULL REFERENCES inventory_items(id),
    batch_id       INTEGER NOT NULL REFERENCES inventory_batches(id),
    kind           TEXT NOT NULL CHECK (kind IN ('receive', 'dispense', 'adjust', 'expire', 'return')),
    quantity       INTEGER NOT NULL CHECK (quantity <> 0),
    reason         TEXT NOT NULL DEFAULT '',
    fulfillment_id INTEGER REFERENCES pharmacy_fulfillments(id),
    actor_id       INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, item_id, batch_id, kind, quantity, reason,
        fulfillment_id, actor_id, created_at)) VIRTUAL,
    CHECK ((kind = 'receive') = (quantity > 0) OR kind = 'adjust'),
    CHECK (kind <> 'adjust' OR length(trim(reason)) > 0)
);
-- An item's ledger reads newest first by time (then by the order recorded) from here.
CREATE INDEX stock_movements_item ON stock_movements(item_id, created_at, id);
CREATE INDEX stock_movements_batch ON stock_movements(batch_id);
CREATE INDEX stock_movements_fulfillment ON stock_movements(fulfillment_id) WHERE fulfillment_id IS NOT NULL;

CREATE TRIGGER stock_movements_batch_of_item BEFORE INSERT ON stock_movements
WHEN NOT EXISTS (SELECT 1 FROM inventory_batches WHERE id = NEW.batch_id AND item_id = NEW.item_id)
BEGIN SELECT RAISE(ABORT, 'batch_mismatch: the batch does not belong to that item'); END;

CREATE TRIGGER stock_movements_not_below_zero BEFORE INSERT ON stock_movements
WHEN (SELECT quantity_left FROM inventory_batches WHERE id = NEW.batch_id) + NEW.quantity < 0
  OR (SELECT current_stock FROM inventory_items WHERE id = NEW.item_id) + NEW.quantity < 0
BEGIN SELECT RAISE(ABORT, 'insufficient_stock: not enough stock left in that batch'); END;

CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements
BEGIN
    UPDATE inventory_batches
       SET quantity_left = quantity_left + NEW.quantity, last_movement_id = NEW.id
     WHERE id = NEW.batch_id;
    UPDATE inventory_items
       SET current_stock = current_stock + NEW.quantity, last_movement_id = NEW.id
     WHERE id = NEW.item_id;
END;

CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'ledger: stock movements cannot be changed; record a new movement'); END;

CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'ledger: stock movements cannot be deleted; record a new movement'); END;

CREATE TRIGGER inventory_items_start_empty BEFORE INSERT ON inventory_items
WHEN NEW.current_stock <> 0 OR NEW.last_movement_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ledger: stock changes only through stock movements'); END;

CREATE TRIGGER inventory_batches_start_empty BEFORE INSERT ON inventory_batches
WHEN NEW.quantity_left <> 0 OR NEW.last_movement_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'ledger: stock changes only through stock movements'); END;

CREATE TRIGGER inventory_items_stock_from_ledger
BEFORE UPDATE OF current_stock, last_movement_id ON inventory_items
WHEN NEW.last_movement_id IS OLD.last_movement_id
  OR NEW.last_movement_id <= coalesce(OLD.last_movement_id, 0)
  OR NEW.current_stock - OLD.current_stock IS NOT
     (SELECT quantity FROM stock_movements WHERE id = NEW.last_movement_id AND item_id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ledger: stock changes only through stock movements'); END;

CREATE TRIGGER inventory_batches_stock_from_ledger
BEFORE UPDATE OF quantity_left, last_movement_id ON inventory_batches
WHEN NEW.last_movement_id IS OLD.last_movement_id
  OR NEW.last_movement_id <= coalesce(OLD.last_movement_id, 0)
  OR NEW.quantity_left - OLD.quantity_left IS NOT
     (SELECT quantity FROM stock_movements WHERE id = NEW.last_movement_id AND batch_id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'ledger: stock changes only through stock movements'); END;

CREATE TRIGGER inventory_items_no_delete BEFORE DELETE ON inventory_items
BEGIN SELECT RAISE(ABORT, 'ledger: inventory items are deactivated, never deleted'); END;

CREATE TRIGGER inventory_batches_no_delete BEFORE DELETE ON inventory_batches
BEGIN SELECT RAISE(ABORT, 'ledger: batches are kept for the ledger, never deleted'); END;

-- One fulfilment per prescription; a walk-in sale has none.
CREATE TABLE pharmacy_fulfillments (
    id                INTEGER PRIMARY KEY,
    prescription_id   INTEGER UNIQUE REFERENCES prescriptions(id),
    patient_id        INTEGER REFERENCES patients(id),
    pharmacist_id     INTEGER NOT NULL REFERENCES pharmacists(id),
    kind              TEXT NOT NULL CHECK (kind IN ('prescription', 'walk_in')),
    status            TEXT NOT NULL DEFAULT 'dispensing'
                      CHECK (status IN ('dispensing', 'partial', 'fulfilled', 'cancelled')),
    total_cents       INTEGER NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
    payment_status    TEXT NOT NULL DEFAULT 'unpaid' CHECK (payment_status IN ('unpaid', 'paid', 'waived')),
    payment_method    TEXT CHECK (payment_method IS NULL OR
                                  payment_method IN ('cash', 'card', 'upi', 'insurance', 'other')),
    amount_paid_cents INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid_cents >= 0),
    cancel_reason     TEXT,
    completed_at      TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_id, patient_id, pharmacist_id, kind,
        status, total_cents, payment_status, payment_method, amount_paid_cents, cancel_reason,
        completed_at, created_at, updated_at)) VIRTUAL,
    CHECK ((kind = 'prescription') = (prescription_id IS NOT NULL)),
    CHECK (status <> 'cancelled' OR length(trim(coalesce(cancel_reason, ''))) > 0),
    CHECK (payment_status <> 'paid' OR payment_method IS NOT NULL)
);
CREATE INDEX pharmacy_fulfillments_status ON pharmacy_fulfillments(status, created_at);

CREATE TABLE fulfillment_items (
    id                         INTEGER PRIMARY KEY,
    fulfillment_id             INTEGER NOT NULL REFERENCES pharmacy_fulfillments(id),
    prescription_medication_id INTEGER REFERENCES prescription_medications(id),
    inventory_item_id          INTEGER NOT NULL REFERENCES inventory_items(id),
    batch_id                   INTEGER NOT NULL REFERENCES inventory_batches(id),
    quantity                   INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_cents           INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    line_total_cents           INTEGER NOT NULL CHECK (line_total_cents = quantity * unit_price_cents),
    created_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, fulfillment_id, prescription_medication_id,
        inventory_item_id, batch_id, quantity, unit_price_cents, line_total_cents, created_at,
        updated_at)) VIRTUAL
);
CREATE INDEX fulfillment_items_fulfillment ON fulfillment_items(fulfillment_id);
CREATE INDEX fulfillment_items_medication ON fulfillment_items(prescription_medication_id)
    WHERE prescription_medication_id IS NOT NULL;

-- A prescription's line is dispensed only while the prescription is at the pharmacy,
-- not after its validity (the item's created_at, the time of the dispense, against
-- valid_until), and never beyond its quantity times the fills it allows (1 + refills).
CREATE TRIGGER fulfillment_items_prescription_open BEFORE INSERT ON fulfillment_items
WHEN NEW.prescription_medication_id IS NOT NULL AND (SELECT r.status FROM prescription_medications m
       JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id)
     NOT IN ('submitted', 'dispensing')
BEGIN SELECT RAISE(ABORT, 'status_flow: only a submitted prescription can be dispensed'); END;

CREATE TRIGGER fulfillment_items_within_validity BEFORE INSERT ON fulfillment_items
WHEN NEW.prescription_medication_id IS NOT NULL AND NEW.created_at > (SELECT r.valid_until
       FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id
      WHERE m.id = NEW.prescription_medication_id)
BEGIN SELECT RAISE(ABORT, 'prescription_expired: the prescription is past its validity; it cannot be dispensed'); END;

CREATE TRIGGER fulfillment_items_within_refills BEFORE INSERT ON fulfillment_items
WHEN NEW.prescription_medication_id IS NOT NULL AND NEW.quantity + (SELECT coalesce(sum(fi.quantity), 0)
       FROM fulfillment_items fi JOIN pharmacy_fulfillments f ON f.id = fi.fulfillment_id
      WHERE fi.prescription_medication_id = NEW.prescription_medication_id AND f.status <> 'cancelled')
     > (SELECT m.quantity * (1 + r.refills_allowed) FROM prescription_medications m
          JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id)
BEGIN SELECT RAISE(ABORT, 'refills_exhausted: that is more than the prescription allows with its refills'); END;

-- The pharmacist's review of a medicine prescribed as free text that the drug table does
-- not recognise, so that it was checked for neither allergies nor interactions: mapped to
-- the catalogue item dispensed for it (and from then on checked as that item), or
-- confirmed as written, with the pharmacist's reason. A line is reviewed once; a mapping
-- may be changed, each change audited.
CREATE TABLE free_text_reviews (
    id                         INTEGER PRIMARY KEY,
    prescription_medication_id INTEGER NOT NULL UNIQUE REFERENCES prescription_medications(id),
    inventory_item_id          INTEGER REFERENCES inventory_items(id),
    reason                     TEXT CHECK (reason IS NULL OR length(trim(reason)) BETWEEN 1 AND 500),
    pharmacist_id              INTEGER NOT NULL REFERENCES pharmacists(id),
    created_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_medication_id, inventory_item_id, reason,
        pharmacist_id, created_at, updated_at)) VIRTUAL,
    CHECK ((inventory_item_id IS NULL) <> (reason IS NULL))
);

CREATE TRIGGER free_text_reviews_free_text BEFORE INSERT ON free_text_reviews
WHEN (SELECT inventory_item_id FROM prescription_medications WHERE id = NEW.prescription_medication_id) IS NOT NULL
  OR (SELECT r.status FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id
      WHERE m.id = NEW.prescription_medication_id) NOT IN ('submitted', 'dispensing')
BEGIN SELECT RAISE(ABORT, 'free_text_review: only a free-text line of a prescription at the pharmacy is reviewed'); END;

CREATE TRIGGER free_text_reviews_no_delete BEFORE DELETE ON free_text_reviews
BEGIN SELECT RAISE(ABORT, 'immutable: a review cannot be deleted'); END;

-- Each warning the pharmacist acknowledged as a line was handed over: a prescription's
-- line, or an item of a walk-in sale to a named patient. The store refuses to hand over a
-- line whose allergy, severe interaction or unrecognised medicine is not acknowledged
-- here, and asks for the pharmacist's note when no doctor's override covers it.
-- Append-only.
CREATE TABLE dispense_acknowledgements (
    id                         INTEGER PRIMARY KEY,
    fulfillment_id             INTEGER NOT NULL REFERENCES pharmacy_fulfillments(id),
    prescription_medication_id INTEGER REFERENCES prescription_medications(id),
    inventory_item_id          INTEGER NOT NULL REFERENCES inventory_items(id),
    kind                       TEXT NOT NULL
                               CHECK (kind IN ('allergy', 'interaction', 'unchecked', 'dose', 'paediatric')),
    severity                   TEXT NOT NULL DEFAULT '',
    warning_key                TEXT NOT NULL CHECK (length(warning_key) BETWEEN 1 AND 500),
    warning                    TEXT NOT NULL CHECK (length(trim(warning)) BETWEEN 1 AND 2000),
    doctor_override            TEXT,
    note                       TEXT CHECK (note IS NULL OR length(trim(note)) BETWEEN 1 AND 500),
    pharmacist_id              INTEGER NOT NULL REFERENCES pharmacists(id),
    created_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, fulfillment_id, prescription_medication_id,
        inventory_item_id, kind, severity, warning_key, warning, doctor_override, note,
        pharmacist_id, created_at)) VIRTUAL
);
CREATE INDEX dispense_acknowledgements_fulfillment ON dispense_acknowledgements(fulfillment_id);

CREATE TRIGGER dispense_acknowledgements_no_update BEFORE UPDATE ON dispense_acknowledgements
BEGIN SELECT RAISE(ABORT, 'immutable: an acknowledgement cannot be changed'); END;

CREATE TRIGGER dispense_acknowledgements_no_delete BEFORE DELETE ON dispense_acknowledgements
BEGIN SELECT RAISE(ABORT, 'immutable: an acknowledgement cannot be deleted'); END;

------------------------------------------------------------------------------------------
-- Money: payments and the daily tills
------------------------------------------------------------------------------------------
-- Every amount taken, given back or written off is a row of payments, never changed or
-- removed; a row falls in one desk's till for one day (the clinic's local date it was
-- taken, or the next open day once that day's till is closed). Closing a till records
-- what was counted against what the day's rows say was taken, per method, and is final.

-- amount_cents is signed: payments add, refunds take away; a waiver writes off what a
-- bill still owed and is no money in the till, so it has no method.
CREATE TABLE payments (
    id             INTEGER PRIMARY KEY,
    desk           TEXT NOT NULL CHECK (desk IN ('front_desk', 'pharmacy')),
    appointment_id INTEGER REFERENCES appointments(id),
    fulfillment_id INTEGER REFERENCES pharmacy_fulfillments(id),
    kind           TEXT NOT NULL CHECK (kind IN ('payment', 'refund', 'waiver')),
    method         TEXT CHECK (method IS NULL OR method IN ('cash', 'card', 'upi', 'insurance', 'other')),
    amount_cents   INTEGER NOT NULL CHECK (amount_cents <> 0),
    reason         TEXT NOT NULL DEFAULT '',
    till_date      TEXT NOT NULL CHECK (date(till_date) IS till_date),
    taken_by       INTEGER REFERENCES users(id),
    taken_at       TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', taken_at) IS taken_at),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, desk, appointment_id, fulfillment_id, kind, method,
        amount_cents, reason, till_date, taken_by, taken_at)) VIRTUAL,
    CHECK ((desk = 'front_desk') = (appointment_id IS NOT NULL)),
    CHECK ((desk = 'pharmacy') = (fulfillment_id IS NOT NULL)),
    CHECK ((kind = 'waiver') = (method IS NULL)),
    CHECK ((kind = 'refund') = (amount_cents < 0)),
    CHECK (kind <> 'refund' OR length(trim(reason)) > 0)
);
-- The reports' sums by day, desk, kind and method (and doctor, through the appointment)
-- read this index alone.
CREATE INDEX payments_till ON payments(till_date, desk, kind, method, amount_cents, appointment_id);
CREATE INDEX payments_appointment ON payments(appointment_id) WHERE appointment_id IS NOT NULL;
CREATE INDEX payments_fulfillment ON payments(fulfillment_id) WHERE fulfillment_id IS NOT NULL;

CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'append_only: payments cannot be changed; record a refund'); END;

CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'append_only: payments cannot be deleted; record a refund'); END;

CREATE TRIGGER payments_till_open BEFORE INSERT ON payments
WHEN EXISTS (SELECT 1 FROM till_closes WHERE desk = NEW.desk AND till_date = NEW.till_date)
BEGIN SELECT RAISE(ABORT, 'till_closed: that day''s till is closed; the money belongs to the next open day'); END;

-- A refund gives back at most what was taken for that bill.
CREATE TRIGGER payments_refund_not_above_paid BEFORE INSERT ON payments
WHEN NEW.kind = 'refund' AND NEW.amount_cents + (
    SELECT coalesce(sum(p.amount_cents), 0) FROM payments p
    WHERE p.kind IN ('payment', 'refund')
      AND (p.appointment_id = NEW.appointment_id OR p.fulfillment_id = NEW.fulfillment_id)) < 0
BEGIN SELECT RAISE(ABORT, 'refund_above_paid: a refund cannot be more than was paid'); END;

-- One close per desk and day, numbered by id. The expected amounts are the day's
-- payments and refunds by method, checked against the rows as the close is written; a
-- counted amount that differs needs the reason. A closed till is never changed.
CREATE TABLE till_closes (
    id                       INTEGER PRIMARY KEY,
    desk                     TEXT NOT NULL CHECK (desk IN ('front_desk', 'pharmacy')),
    till_date                TEXT NOT NULL CHECK (date(till_date) IS till_date),
    payment_count            INTEGER NOT NULL CHECK (payment_count >= 0),
    expected_cash_cents      INTEGER NOT NULL,
    counted_cash_cents       INTEGER NOT NULL,
    expected_card_cents      INTEGER NOT NULL,
    counted_card_cents       INTEGER NOT NULL,
    expected_upi_cents       INTEGER NOT NULL,
    counted_upi_cents        INTEGER NOT NULL,
    expected_insurance_cents INTEGER NOT NULL,
    counted_insurance_cents  INTEGER NOT NULL,
    expected_other_cents     INTEGER NOT NULL,
    counted_other_cents      INTEGER NOT NULL,
    difference_reason        TEXT NOT NULL DEFAULT '',
    closed_by                INTEGER REFERENCES users(id),
    closed_at                TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', closed_at) IS closed_at),
    audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, desk, till_date, payment_count, expected_cash_cents,
        counted_cash_cents, expected_card_cents, counted_card_cents, expected_upi_cents,
        counted_upi_cents, expected_insurance_cents, counted_insurance_cents, expected_other_cents,
        counted_other_cents, difference_reason, closed_by, closed_at)) VIRTUAL,
    UNIQUE (desk, till_date),
    CHECK (length(trim(difference_reason)) > 0 OR (
        counted_cash_cents = expected_cash_cents AND counted_card_cents = expected_card_cents AND
        counted_upi_cents = expected_upi_cents AND counted_insurance_cents = expected_insurance_cents AND
        counted_other_cents = expected_other_cents))
);

CREATE TRIGGER till_closes_expected BEFORE INSERT ON till_closes
WHEN NEW.payment_count IS NOT (SELECT count(*) FROM payments
        WHERE till_date = NEW.till_date AND desk = NEW.desk AND method IS NOT NULL)
  OR NEW.expected_cash_cents IS NOT (SELECT coalesce(sum(amount_cents), 0) FROM payments
        WHERE till_date = NEW.till_date AND desk = NEW.desk AND method = 'cash')
  OR NEW.expected_card_cents IS NOT (SELECT coalesce(sum(amount_cents), 0) FROM payments
        WHERE till_date = NEW.till_date AND desk = NEW.desk AND method = 'card')
  OR NEW.expected_upi_cents IS NOT (SELECT coalesce(sum(amount_cents), 0) FROM payments
        WHERE till_date = NEW.till_date AND desk = NEW.desk AND method = 'upi')
  OR NEW.expected_insurance_cents IS NOT (SELECT coalesce(sum(amount_cents), 0) FROM payments
        WHERE till_date = NEW.till_date AND desk = NEW.desk AND method = 'insurance')
  OR NEW.expected_other_cents IS NOT (SELECT coalesce(sum(amount_cents), 0) FROM payments
        WHERE till_date = NEW.till_date AND desk = NEW.desk AND method = 'other')
BEGIN SELECT RAISE(ABORT, 'till_expected: the expected amounts must be the day''s payments; count again'); END;

CREATE TRIGGER till_closes_no_update BEFORE UPDATE ON till_closes
BEGIN SELECT RAISE(ABORT, 'append_only: a closed till cannot be changed'); END;

CREATE TRIGGER till_closes_no_delete BEFORE DELETE ON till_closes
BEGIN SELECT RAISE(ABORT, 'append_only: a closed till cannot be changed'); END;

------------------------------------------------------------------------------------------
-- Notifications
------------------------------------------------------------------------------------------
-- In-app messages to a user or to every user of a role, and an outbox for e-mail and SMS.
-- An outbox row (channel email or sms) names its patient and carries its delivery: its
-- state (pending until the mail server or the SMS gateway accepts it, then sent; failed
-- after its last retry; cancelled by an admin; skipped when the patient has no address
-- or no consent), the attempts made, when the next is due, the reason of the last
-- failure or skip, and the address it went to.

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER REFERENCES users(id),
    role        TEXT CHECK (role IS NULL OR
                            role IN ('admin', 'receptionist', 'doctor', 'pharmacist', 'patient')),
    channel     TEXT NOT NULL DEFAULT 'in_app' CHECK (channel IN ('in_app', 'email', 'sms')),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    entity      TEXT NOT NULL DEFAULT '',
    entity_id   INTEGER,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    read_at     TEXT,
    sent_at     TEXT,
    patient_id      INTEGER REFERENCES patients(id),
    delivery        TEXT
                    CHECK (delivery IS NULL OR delivery IN ('pending', 'sent', 'failed', 'cancelled', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT,
    delivery_note   TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    CHECK ((user_id IS NULL) <> (role IS NULL))
);
CREATE INDEX notifications_user ON notifications(user_id, read_at) WHERE user_id IS NOT NULL;
CREATE INDEX notifications_role ON notifications(role, created_at) WHERE role IS NOT NULL;
CREATE INDEX notifications_outbox ON notifications(delivery, id) WHERE delivery IS NOT NULL;
CREATE INDEX notifications_entity ON notifications(entity, entity_id, kind) WHERE entity_id IS NOT NULL;

------------------------------------------------------------------------------------------
-- Audit and access logs
------------------------------------------------------------------------------------------
-- Who did what: every write to an audited table leaves a row in audit_log, written by
-- the generated triggers below with the acting user the application puts in
-- audit_context for its transaction. audit_log, access_log and emergency access grants
-- are append-only.

-- One row while an application transaction runs: who is acting.
CREATE TABLE audit_context (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    actor_id   INTEGER,
    actor_name TEXT
);

-- The columns an audit row's values are recorded in, by the shape the row names: each
-- audited table's audited columns, numbered anew whenever they change, so the rows
-- written before keep the names they were written with. A row records its values
-- without their names, which were 40% of the trail. Rows are added by the schema and
-- its upgrades only; the seal of each audit row covers its shape's columns, so a name
-- changed here fails `clinicdesk audit verify`. audit_trail shows the values by name.
CREATE TABLE audit_shapes (
    id         INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    columns    TEXT NOT NULL CHECK (json_valid(columns) AND json_type(columns) = 'array')
);
CREATE TRIGGER audit_shapes_no_update BEFORE UPDATE ON audit_shapes
BEGIN SELECT RAISE(ABORT, 'append_only: an audit shape cannot be changed'); END;
CREATE TRIGGER audit_shapes_no_delete BEFORE DELETE ON audit_shapes
BEGIN SELECT RAISE(ABORT, 'append_only: an audit shape cannot be changed'); END;

-- Append-only. Rows are written by the triggers below (and by the application for
-- security events); the application seals each row, in the transaction that wrote it,
-- into a chain: hash = 'm1:' || HMAC-SHA-256 under the clinic's key (a file beside the
-- database, never in it) of prev_hash, the row and the digests of its values (see
-- store/audit_chain.go). From version 21 on, such a seal (in hash, and in prev_hash
-- where it links to one) is stored as its 32 bytes, a BLOB: as text it was a tenth of
-- the file (store/seal_storage.go); audit_trail shows it as text. Rows of versions 5
-- and 6 keep their plain SHA-256 hash, as hex text. Rows left unsealed were written
-- outside the application; the seal columns may be set once, which without the key
-- cannot make a seal that verifies.
-- From version 22 on a row is written with 32 zero bytes in each seal column, which
-- reads as "not sealed yet" (NULL, as the rows of older files left unsealed hold): its
-- seal then overwrites them in place. Written as NULL, each row grew by 70 bytes when
-- it was sealed, and SQLite split the page it had just filled: a tenth of the log's
-- pages stood half empty.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    actor_id   INTEGER,
    actor_name TEXT,
    table_name TEXT NOT NULL,
    row_id     INTEGER,
    patient_id INTEGER,
    action     TEXT NOT NULL,
    old_values TEXT CHECK (old_values IS NULL OR json_valid(old_values)),
    new_values TEXT CHECK (new_values IS NULL OR json_valid(new_values)),
    prev_hash  TEXT DEFAULT (zeroblob(32)),
    hash       TEXT DEFAULT (zeroblob(32)),
    -- The names of the values: old_values and new_values are JSON arrays in the order
    -- of this shape's columns. NULL for a row whose values are a JSON object naming
    -- each value (security events, and every row written before schema version 20).
    shape      INTEGER REFERENCES audit_shapes(id),
    -- An insert into a table that records its inserts by reference (schema version 23
    -- on, internal/schemagen's ByReference) holds no copy of its values (new_values is
    -- NULL), only their digest, sha256(1 ‖ values), which its seal covers: the values
    -- are the row as its table holds it until its first change, whose audit row records
    -- them as its old values (audit_inserted_values). 32 zero bytes until the row is
    -- sealed; NULL on every other row, whose values are in the row.
    values_digest BLOB
);
-- Every audit row is written into each of these indexes, so they are few: a booking
-- writes one audit row, and each index was a page more to write at its commit. The
-- audit screen pages by id through one of them. A table or an action alone is read as
-- the newest rows of each of its (table, action) ranges, and a date range as a range
-- of ids, found by bisecting the primary key: rows are appended with the database's
-- clock, so their times rise with their ids (store/audit_page_ranges.go).
-- An erasure finds the audit rows of the patient's own record and of their login by
-- table and row; the rows of every other table (a booking's, a prescription's) stay out.
CREATE INDEX audit_log_identity_rows ON audit_log(table_name, row_id)
    WHERE table_name IN ('patients', 'users', 'session', 'user_ssh_keys');
CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
CREATE INDEX audit_log_patient ON audit_log(patient_id, id) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_log_table_action_id ON audit_log(table_name, action, id);
-- An insert recorded by reference finds its values in the row's first change after it:
-- the rows holding old values, by table and row. Inserts, the most of the trail, are
-- not in it.
CREATE INDEX audit_log_changes ON audit_log(table_name, row_id, id) WHERE old_values IS NOT NULL;

-- A sealed row never changes, but for an erasure: a value (old_values, new_values) may
-- become the marker {"erased_sha256":"<its digest>"}, which the seal covers as it covered
-- the value, and actor_name may become {"erased_sha256":"<its digest>","seal":"m1:<MAC>"},
-- the erasure's keyed seal over the row as it was (see store/audit_erasure.go). A marker
-- holding a wrong digest or seal fails `clinicdesk audit verify`. An unsealed row (NULL
-- or 32 zero bytes in hash) may only be given its seal, once: zero bytes are no seal. An
-- insert recorded by reference is sealed with its values' digest, 32 bytes over its zero
-- bytes, in the same update.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.action IS NOT OLD.action OR NEW.shape IS NOT OLD.shape
  OR CASE WHEN nullif(OLD.hash, zeroblob(32)) IS NULL
     THEN nullif(NEW.hash, zeroblob(32)) IS NULL OR NEW.actor_name IS NOT OLD.actor_name
       OR NEW.old_values IS NOT OLD.old_values OR NEW.new_values IS NOT OLD.new_values
       OR CASE WHEN OLD.values_digest = zeroblob(32)
          THEN typeof(NEW.values_digest) IS NOT 'blob' OR length(NEW.values_digest) <> 32
            OR NEW.values_digest = zeroblob(32)
          ELSE NEW.values_digest IS NOT OLD.values_digest END
     ELSE NEW.hash IS NOT OLD.hash OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.values_digest IS NOT OLD.values_digest
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

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'append_only: the audit log cannot be changed'); END;

-- The audit trail as people read it: each row's values as a JSON object naming each
-- value (by the row's shape), whichever way the row stored them, an insert recorded by
-- reference with the values audit_inserted_values finds for it. An erasure marker
-- stays as it is; a value past its shape's names (a row edited outside ClinicDesk,
-- which its seal reports) is named by its place, [n]. A seal shows as its text, and a
-- row not sealed yet (32 zero bytes) as NULL.
CREATE VIEW audit_trail AS
SELECT l.id, at, actor_id, actor_name, l.table_name, row_id, patient_id, action,
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
  FROM (SELECT id, at, actor_id, actor_name, table_name, row_id, patient_id, action, old_values,
               CASE WHEN values_digest IS NULL THEN new_values
               ELSE (SELECT i.new_values FROM audit_inserted_values i WHERE i.id = audit_log.id) END AS new_values,
               prev_hash, hash, shape
          FROM audit_log) l
  LEFT JOIN audit_shapes s ON s.id = l.shape;

-- Reads of clinical records and refused calls. Append-only, and sealed like audit_log
-- into a chain of its own under the clinic's key (prev_hash, hash, stored as audit_log
-- stores them, and written as 32 zero bytes until the row is sealed), in the
-- transaction that wrote the row. Rows from before schema version 7 stay unsealed.
CREATE TABLE access_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    user_id    INTEGER REFERENCES users(id),
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL DEFAULT '',
    entity_id  INTEGER,
    patient_id INTEGER,
    allowed    INTEGER NOT NULL CHECK (allowed IN (0, 1)),
    reason     TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT DEFAULT (zeroblob(32)),
    hash       TEXT DEFAULT (zeroblob(32))
);
CREATE INDEX access_log_user ON access_log(user_id, id);
CREATE INDEX access_log_patient ON access_log(patient_id, id) WHERE patient_id IS NOT NULL;

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
WHEN nullif(OLD.hash, zeroblob(32)) IS NOT NULL OR nullif(NEW.hash, zeroblob(32)) IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.user_id IS NOT OLD.user_id
  OR NEW.action IS NOT OLD.action OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.allowed IS NOT OLD.allowed OR NEW.reason IS NOT OLD.reason
BEGIN SELECT RAISE(ABORT, 'append_only: the access log cannot be changed'); END;

CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'append_only: the access log cannot be changed'); END;

-- Emergency ("break-glass") access: a user whose role may not read charts opens one
-- patient's chart for a stated reason, until expires_at. Append-only: a grant is evidence.
CREATE TABLE emergency_access (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 10 AND 500),
    granted_at TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', granted_at) IS granted_at),
    expires_at TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', expires_at) IS expires_at),
    CHECK (expires_at > granted_at)
);
CREATE INDEX emergency_access_grant ON emergency_access(user_id, patient_id, expires_at);

CREATE TRIGGER emergency_access_no_update BEFORE UPDATE ON emergency_access
BEGIN SELECT RAISE(ABORT, 'append_only: an emergency access grant cannot be changed'); END;

CREATE TRIGGER emergency_access_no_delete BEFORE DELETE ON emergency_access
BEGIN SELECT RAISE(ABORT, 'append_only: an emergency access grant cannot be changed'); END;

-- The updated_at and audit triggers of every audited table. updated_at is stamped on
-- every update that did not set it; an update that changed only updated_at leaves no
-- audit row. The values an audit row records are the row's audit_values: a virtual
-- column, last in each audited table and generated from the same list, that spells the
-- audited columns out once as a JSON array, in the order of the table's shape in
-- audit_shapes (a secret column is left out; its change is recorded as a flag, last).
-- Nothing is stored for it; SQLite computes it when a trigger reads it. The shapes and
-- the triggers naming them come first.
-- BEGIN GENERATED by cmd/schemagen from internal/schemagen/tables.go: do not edit by hand

INSERT INTO audit_shapes(id, table_name, columns) VALUES
    (1, 'settings', '["key","value","updated_at"]'),
    (2, 'setting_secrets', '["key","updated_at","secret_changed"]'),
    (3, 'users', '["id","email","full_name","role","active","must_change_password","failed_logins","locked_until","last_login_at","created_at","updated_at","password_changed"]'),
    (4, 'user_ssh_keys', '["id","user_id","public_key","fingerprint","comment","created_at"]'),
    (5, 'doctors', '["id","user_id","qualification","licence_number","consultation_fee_cents","created_at","updated_at"]'),
    (6, 'doctor_specialisations', '["doctor_id","speciality"]'),
    (7, 'pharmacists', '["id","user_id","licence_number","created_at","updated_at"]'),
    (8, 'patients', '["id","patient_code","user_id","first_name","last_name","date_of_birth","sex","phone","email","address","emergency_contact_name","emergency_contact_phone","blood_group","created_at","updated_at"]'),
    (9, 'medical_history', '["id","patient_id","condition","diagnosed_on","status","notes","recorded_by","created_at","updated_at"]'),
    (10, 'allergies', '["id","patient_id","allergen","reaction","severity","recorded_by","created_at","updated_at"]'),
    (11, 'current_medications', '["id","patient_id","name","dosage","frequency","started_on","ended_on","prescribed_by","recorded_by","created_at","updated_at"]'),
    (12, 'patient_pregnancy', '["patient_id","status","noted_on","recorded_by","created_at","updated_at"]'),
    (13, 'vital_signs', '["id","patient_id","appointment_id","recorded_at","height_cm","weight_kg","systolic_mmhg","diastolic_mmhg","pulse_bpm","temperature_c","spo2_percent","respiratory_rate","recorded_by","created_at","updated_at"]'),
    (14, 'patient_consents', '["id","patient_id","channel","granted","recorded_at","recorded_by","created_at","updated_at"]'),
    (15, 'patient_erasures', '["id","patient_id","pseudonym","basis","reason","erased_by","erased_at"]'),
    (16, 'doctor_schedules', '["id","doctor_id","weekday","start_time","end_time","slot_minutes","created_at","updated_at"]'),
    (17, 'doctor_leaves', '["id","doctor_id","starts_on","ends_on","reason","created_at","updated_at"]'),
    (18, 'clinic_holidays', '["id","day","name","created_at","updated_at"]'),
    (19, 'appointments', '["id","appointment_code","patient_id","doctor_id","starts_at","ends_at","status","reason","notes","cancel_reason","fee_cents","payment_status","payment_method","amount_paid_cents","paid_at","checked_in_at","consultation_started_at","completed_at","series_id","booked_by","created_at","updated_at","overbook_reason"]'),
    (20, 'prescriptions', '["id","prescription_code","appointment_id","patient_id","doctor_id","diagnosis","notes","sketch","status","submitted_at","cancel_reason","created_at","updated_at","valid_until","refills_allowed","no_consultation_reason"]'),
    (21, 'prescription_medications', '["id","prescription_id","position","inventory_item_id","name","generic_name","strength","form","dosage","frequency","duration_days","route","instructions","quantity","allergy_override_reason","created_at","updated_at","chronic"]'),
    (22, 'prescription_tests', '["id","prescription_id","test_name","priority","instructions","created_at","updated_at"]'),
    (23, 'prescription_amendments', '["id","prescription_id","reason","amendment","author_id","created_at","updated_at"]'),
    (24, 'prescription_overrides', '["id","prescription_medication_id","kind","severity","warning_key","warning","created_at"]'),
    (25, 'prescription_favourites', '["id","doctor_id","name","items","created_at","updated_at"]'),
    (26, 'inventory_items', '["id","name","generic_name","drug_class","strength","form","unit","over_the_counter","current_stock","minimum_stock","unit_price_cents","active","last_movement_id","created_at","updated_at"]'),
    (27, 'inventory_batches', '["id","item_id","batch_number","expires_on","quantity_left","unit_cost_cents","supplier","received_at","last_movement_id","created_at","updated_at"]'),
    (28, 'stock_movements', '["id","item_id","batch_id","kind","quantity","reason","fulfillment_id","actor_id","created_at"]'),
    (29, 'pharmacy_fulfillments', '["id","prescription_id","patient_id","pharmacist_id","kind","status","total_cents","payment_status","payment_method","amount_paid_cents","cancel_reason","completed_at","created_at","updated_at"]'),
    (30, 'fulfillment_items', '["id","fulfillment_id","prescription_medication_id","inventory_item_id","batch_id","quantity","unit_price_cents","line_total_cents","created_at","updated_at"]'),
    (31, 'free_text_reviews', '["id","prescription_medication_id","inventory_item_id","reason","pharmacist_id","created_at","updated_at"]'),
    (32, 'dispense_acknowledgements', '["id","fulfillment_id","prescription_medication_id","inventory_item_id","kind","severity","warning_key","warning","doctor_override","note","pharmacist_id","created_at"]'),
    (33, 'payments', '["id","desk","appointment_id","fulfillment_id","kind","method","amount_cents","reason","till_date","taken_by","taken_at"]'),
    (34, 'till_closes', '["id","desk","till_date","payment_count","expected_cash_cents","counted_cash_cents","expected_card_cents","counted_card_cents","expected_upi_cents","counted_upi_cents","expected_insurance_cents","counted_insurance_cents","expected_other_cents","counted_other_cents","difference_reason","closed_by","closed_at"]');

-- settings
CREATE TRIGGER settings_updated_at AFTER UPDATE ON settings
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE settings SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE key = NEW.key;
END;
CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'INSERT', 1,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings
WHEN json_remove(OLD.audit_values, '$[2]') IS NOT json_remove(NEW.audit_values, '$[2]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'UPDATE', 1,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'DELETE', 1,
            OLD.audit_values, NULL);
END;

-- setting_secrets
CREATE TRIGGER setting_secrets_updated_at AFTER UPDATE ON setting_secrets
WHEN NEW.updated_at IS OLD.updated_at AND (OLD.audit_values IS NOT NEW.audit_values OR NEW.secret IS NOT OLD.secret) BEGIN
    UPDATE setting_secrets SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE key = NEW.key;
END;
CREATE TRIGGER setting_secrets_audit_insert AFTER INSERT ON setting_secrets BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'INSERT', 2,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER setting_secrets_audit_update AFTER UPDATE ON setting_secrets
WHEN (json_remove(OLD.audit_values, '$[1]') IS NOT json_remove(NEW.audit_values, '$[1]')
      OR NEW.secret IS NOT OLD.secret)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'UPDATE', 2,
            OLD.audit_values,
            json_insert(NEW.audit_values, '$[#]', NEW.secret IS NOT OLD.secret));
END;
CREATE TRIGGER setting_secrets_audit_delete AFTER DELETE ON setting_secrets BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'DELETE', 2,
            OLD.audit_values, NULL);
END;

-- users
CREATE TRIGGER users_updated_at AFTER UPDATE ON users
WHEN NEW.updated_at IS OLD.updated_at AND (OLD.audit_values IS NOT NEW.audit_values OR NEW.password_hash IS NOT OLD.password_hash) BEGIN
    UPDATE users SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER users_audit_insert AFTER INSERT ON users BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'users', NEW.id, NULL, 'INSERT', 3,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER users_audit_update AFTER UPDATE ON users
WHEN (json_remove(OLD.audit_values, '$[10]') IS NOT json_remove(NEW.audit_values, '$[10]')
      OR NEW.password_hash IS NOT OLD.password_hash)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'users', NEW.id, NULL, 'UPDATE', 3,
            OLD.audit_values,
            json_insert(NEW.audit_values, '$[#]', NEW.password_hash IS NOT OLD.password_hash));
END;
CREATE TRIGGER users_audit_delete AFTER DELETE ON users BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'users', OLD.id, NULL, 'DELETE', 3,
            OLD.audit_values, NULL);
END;

-- user_ssh_keys
CREATE TRIGGER user_ssh_keys_audit_insert AFTER INSERT ON user_ssh_keys BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'user_ssh_keys', NEW.id, NULL, 'INSERT', 4,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER user_ssh_keys_audit_update AFTER UPDATE ON user_ssh_keys
WHEN OLD.audit_values IS NOT NEW.audit_values
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'user_ssh_keys', NEW.id, NULL, 'UPDATE', 4,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER user_ssh_keys_audit_delete AFTER DELETE ON user_ssh_keys BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'user_ssh_keys', OLD.id, NULL, 'DELETE', 4,
            OLD.audit_values, NULL);
END;

-- doctors
CREATE TRIGGER doctors_updated_at AFTER UPDATE ON doctors
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE doctors SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER doctors_audit_insert AFTER INSERT ON doctors BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctors', NEW.id, NULL, 'INSERT', 5,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctors_audit_update AFTER UPDATE ON doctors
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctors', NEW.id, NULL, 'UPDATE', 5,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctors_audit_delete AFTER DELETE ON doctors BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctors', OLD.id, NULL, 'DELETE', 5,
            OLD.audit_values, NULL);
END;

-- doctor_specialisations
CREATE TRIGGER doctor_specialisations_audit_insert AFTER INSERT ON doctor_specialisations BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_specialisations', NEW.doctor_id, NULL, 'INSERT', 6,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_specialisations_audit_update AFTER UPDATE ON doctor_specialisations
WHEN OLD.audit_values IS NOT NEW.audit_values
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_specialisations', NEW.doctor_id, NULL, 'UPDATE', 6,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctor_specialisations_audit_delete AFTER DELETE ON doctor_specialisations BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_specialisations', OLD.doctor_id, NULL, 'DELETE', 6,
            OLD.audit_values, NULL);
END;

-- pharmacists
CREATE TRIGGER pharmacists_updated_at AFTER UPDATE ON pharmacists
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE pharmacists SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER pharmacists_audit_insert AFTER INSERT ON pharmacists BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacists', NEW.id, NULL, 'INSERT', 7,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER pharmacists_audit_update AFTER UPDATE ON pharmacists
WHEN json_remove(OLD.audit_values, '$[4]') IS NOT json_remove(NEW.audit_values, '$[4]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacists', NEW.id, NULL, 'UPDATE', 7,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER pharmacists_audit_delete AFTER DELETE ON pharmacists BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacists', OLD.id, NULL, 'DELETE', 7,
            OLD.audit_values, NULL);
END;

-- patients
CREATE TRIGGER patients_updated_at AFTER UPDATE ON patients
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values AND OLD.patient_code IS NOT NULL BEGIN
    UPDATE patients SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER patients_audit_update AFTER UPDATE ON patients
WHEN OLD.patient_code IS NOT NULL AND json_remove(OLD.audit_values, '$[14]') IS NOT json_remove(NEW.audit_values, '$[14]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patients', NEW.id, NEW.id, 'UPDATE', 8,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER patients_audit_delete AFTER DELETE ON patients BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patients', OLD.id, OLD.id, 'DELETE', 8,
            OLD.audit_values, NULL);
END;

-- medical_history
CREATE TRIGGER medical_history_updated_at AFTER UPDATE ON medical_history
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE medical_history SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER medical_history_audit_insert AFTER INSERT ON medical_history BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', NEW.id, NEW.patient_id, 'INSERT', 9,
            zeroblob(32));
END;
CREATE TRIGGER medical_history_audit_update AFTER UPDATE ON medical_history
WHEN json_remove(OLD.audit_values, '$[8]') IS NOT json_remove(NEW.audit_values, '$[8]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', NEW.id, NEW.patient_id, 'UPDATE', 9,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER medical_history_audit_delete AFTER DELETE ON medical_history BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', OLD.id, OLD.patient_id, 'DELETE', 9,
            OLD.audit_values, NULL);
END;

-- allergies
CREATE TRIGGER allergies_updated_at AFTER UPDATE ON allergies
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE allergies SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER allergies_audit_insert AFTER INSERT ON allergies BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', NEW.id, NEW.patient_id, 'INSERT', 10,
            zeroblob(32));
END;
CREATE TRIGGER allergies_audit_update AFTER UPDATE ON allergies
WHEN json_remove(OLD.audit_values, '$[7]') IS NOT json_remove(NEW.audit_values, '$[7]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', NEW.id, NEW.patient_id, 'UPDATE', 10,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER allergies_audit_delete AFTER DELETE ON allergies BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', OLD.id, OLD.patient_id, 'DELETE', 10,
            OLD.audit_values, NULL);
END;

-- current_medications
CREATE TRIGGER current_medications_updated_at AFTER UPDATE ON current_medications
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE current_medications SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER current_medications_audit_insert AFTER INSERT ON current_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', NEW.id, NEW.patient_id, 'INSERT', 11,
            zeroblob(32));
END;
CREATE TRIGGER current_medications_audit_update AFTER UPDATE ON current_medications
WHEN json_remove(OLD.audit_values, '$[10]') IS NOT json_remove(NEW.audit_values, '$[10]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', NEW.id, NEW.patient_id, 'UPDATE', 11,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER current_medications_audit_delete AFTER DELETE ON current_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', OLD.id, OLD.patient_id, 'DELETE', 11,
            OLD.audit_values, NULL);
END;

-- patient_pregnancy
CREATE TRIGGER patient_pregnancy_updated_at AFTER UPDATE ON patient_pregnancy
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE patient_pregnancy SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE patient_id = NEW.patient_id;
END;
CREATE TRIGGER patient_pregnancy_audit_insert AFTER INSERT ON patient_pregnancy BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', NEW.patient_id, NEW.patient_id, 'INSERT', 12,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER patient_pregnancy_audit_update AFTER UPDATE ON patient_pregnancy
WHEN json_remove(OLD.audit_values, '$[5]') IS NOT json_remove(NEW.audit_values, '$[5]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', NEW.patient_id, NEW.patient_id, 'UPDATE', 12,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER patient_pregnancy_audit_delete AFTER DELETE ON patient_pregnancy BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', OLD.patient_id, OLD.patient_id, 'DELETE', 12,
            OLD.audit_values, NULL);
END;

-- vital_signs
CREATE TRIGGER vital_signs_updated_at AFTER UPDATE ON vital_signs
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE vital_signs SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER vital_signs_audit_insert AFTER INSERT ON vital_signs BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', NEW.id, NEW.patient_id, 'INSERT', 13,
            zeroblob(32));
END;
CREATE TRIGGER vital_signs_audit_update AFTER UPDATE ON vital_signs
WHEN json_remove(OLD.audit_values, '$[14]') IS NOT json_remove(NEW.audit_values, '$[14]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', NEW.id, NEW.patient_id, 'UPDATE', 13,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER vital_signs_audit_delete AFTER DELETE ON vital_signs BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', OLD.id, OLD.patient_id, 'DELETE', 13,
            OLD.audit_values, NULL);
END;

-- patient_consents
CREATE TRIGGER patient_consents_updated_at AFTER UPDATE ON patient_consents
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE patient_consents SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER patient_consents_audit_insert AFTER INSERT ON patient_consents BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', NEW.id, NEW.patient_id, 'INSERT', 14,
            zeroblob(32));
END;
CREATE TRIGGER patient_consents_audit_update AFTER UPDATE ON patient_consents
WHEN json_remove(OLD.audit_values, '$[7]') IS NOT json_remove(NEW.audit_values, '$[7]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', NEW.id, NEW.patient_id, 'UPDATE', 14,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER patient_consents_audit_delete AFTER DELETE ON patient_consents BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', OLD.id, OLD.patient_id, 'DELETE', 14,
            OLD.audit_values, NULL);
END;

-- patient_erasures
CREATE TRIGGER patient_erasures_audit_insert AFTER INSERT ON patient_erasures BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_erasures', NEW.id, NEW.patient_id, 'INSERT', 15,
            NULL, NEW.audit_values);
END;

-- doctor_schedules
CREATE TRIGGER doctor_schedules_updated_at AFTER UPDATE ON doctor_schedules
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE doctor_schedules SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER doctor_schedules_audit_insert AFTER INSERT ON doctor_schedules BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_schedules', NEW.id, NULL, 'INSERT', 16,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_schedules_audit_update AFTER UPDATE ON doctor_schedules
WHEN json_remove(OLD.audit_values, '$[7]') IS NOT json_remove(NEW.audit_values, '$[7]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_schedules', NEW.id, NULL, 'UPDATE', 16,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctor_schedules_audit_delete AFTER DELETE ON doctor_schedules BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_schedules', OLD.id, NULL, 'DELETE', 16,
            OLD.audit_values, NULL);
END;

-- doctor_leaves
CREATE TRIGGER doctor_leaves_updated_at AFTER UPDATE ON doctor_leaves
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE doctor_leaves SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER doctor_leaves_audit_insert AFTER INSERT ON doctor_leaves BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_leaves', NEW.id, NULL, 'INSERT', 17,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_leaves_audit_update AFTER UPDATE ON doctor_leaves
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_leaves', NEW.id, NULL, 'UPDATE', 17,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctor_leaves_audit_delete AFTER DELETE ON doctor_leaves BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_leaves', OLD.id, NULL, 'DELETE', 17,
            OLD.audit_values, NULL);
END;

-- clinic_holidays
CREATE TRIGGER clinic_holidays_updated_at AFTER UPDATE ON clinic_holidays
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE clinic_holidays SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER clinic_holidays_audit_insert AFTER INSERT ON clinic_holidays BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'clinic_holidays', NEW.id, NULL, 'INSERT', 18,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER clinic_holidays_audit_update AFTER UPDATE ON clinic_holidays
WHEN json_remove(OLD.audit_values, '$[4]') IS NOT json_remove(NEW.audit_values, '$[4]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'clinic_holidays', NEW.id, NULL, 'UPDATE', 18,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER clinic_holidays_audit_delete AFTER DELETE ON clinic_holidays BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'clinic_holidays', OLD.id, NULL, 'DELETE', 18,
            OLD.audit_values, NULL);
END;

-- appointments
CREATE TRIGGER appointments_updated_at AFTER UPDATE ON appointments
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values AND OLD.appointment_code IS NOT NULL BEGIN
    UPDATE appointments SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER appointments_audit_update AFTER UPDATE ON appointments
WHEN OLD.appointment_code IS NOT NULL AND json_remove(OLD.audit_values, '$[21]') IS NOT json_remove(NEW.audit_values, '$[21]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', NEW.id, NEW.patient_id, 'UPDATE', 19,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER appointments_audit_delete AFTER DELETE ON appointments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', OLD.id, OLD.patient_id, 'DELETE', 19,
            OLD.audit_values, NULL);
END;

-- prescriptions
CREATE TRIGGER prescriptions_updated_at AFTER UPDATE ON prescriptions
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values AND OLD.prescription_code IS NOT NULL BEGIN
    UPDATE prescriptions SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER prescriptions_audit_update AFTER UPDATE ON prescriptions
WHEN OLD.prescription_code IS NOT NULL AND json_remove(OLD.audit_values, '$[12]') IS NOT json_remove(NEW.audit_values, '$[12]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', NEW.id, NEW.patient_id, 'UPDATE', 20,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescriptions_audit_delete AFTER DELETE ON prescriptions BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', OLD.id, OLD.patient_id, 'DELETE', 20,
            OLD.audit_values, NULL);
END;

-- prescription_medications
CREATE TRIGGER prescription_medications_updated_at AFTER UPDATE ON prescription_medications
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE prescription_medications SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER prescription_medications_audit_insert AFTER INSERT ON prescription_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', 21,
            zeroblob(32));
END;
CREATE TRIGGER prescription_medications_audit_update AFTER UPDATE ON prescription_medications
WHEN json_remove(OLD.audit_values, '$[16]') IS NOT json_remove(NEW.audit_values, '$[16]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE', 21,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_medications_audit_delete AFTER DELETE ON prescription_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE', 21,
            OLD.audit_values, NULL);
END;

-- prescription_tests
CREATE TRIGGER prescription_tests_updated_at AFTER UPDATE ON prescription_tests
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE prescription_tests SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER prescription_tests_audit_insert AFTER INSERT ON prescription_tests BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', 22,
            zeroblob(32));
END;
CREATE TRIGGER prescription_tests_audit_update AFTER UPDATE ON prescription_tests
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE', 22,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_tests_audit_delete AFTER DELETE ON prescription_tests BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE', 22,
            OLD.audit_values, NULL);
END;

-- prescription_amendments
CREATE TRIGGER prescription_amendments_updated_at AFTER UPDATE ON prescription_amendments
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE prescription_amendments SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER prescription_amendments_audit_insert AFTER INSERT ON prescription_amendments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', 23,
            zeroblob(32));
END;
CREATE TRIGGER prescription_amendments_audit_update AFTER UPDATE ON prescription_amendments
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE', 23,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_amendments_audit_delete AFTER DELETE ON prescription_amendments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE', 23,
            OLD.audit_values, NULL);
END;

-- prescription_overrides
CREATE TRIGGER prescription_overrides_audit_insert AFTER INSERT ON prescription_overrides BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'INSERT', 24,
            zeroblob(32));
END;
CREATE TRIGGER prescription_overrides_audit_update AFTER UPDATE ON prescription_overrides
WHEN OLD.audit_values IS NOT NEW.audit_values
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'UPDATE', 24,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_overrides_audit_delete AFTER DELETE ON prescription_overrides BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', OLD.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = OLD.prescription_medication_id), 'DELETE', 24,
            OLD.audit_values, NULL);
END;

-- prescription_favourites
CREATE TRIGGER prescription_favourites_updated_at AFTER UPDATE ON prescription_favourites
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE prescription_favourites SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER prescription_favourites_audit_insert AFTER INSERT ON prescription_favourites BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', NEW.id, NULL, 'INSERT', 25,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_favourites_audit_update AFTER UPDATE ON prescription_favourites
WHEN json_remove(OLD.audit_values, '$[5]') IS NOT json_remove(NEW.audit_values, '$[5]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', NEW.id, NULL, 'UPDATE', 25,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_favourites_audit_delete AFTER DELETE ON prescription_favourites BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', OLD.id, NULL, 'DELETE', 25,
            OLD.audit_values, NULL);
END;

-- inventory_items
CREATE TRIGGER inventory_items_updated_at AFTER UPDATE ON inventory_items
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE inventory_items SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER inventory_items_audit_insert AFTER INSERT ON inventory_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_items', NEW.id, NULL, 'INSERT', 26,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER inventory_items_audit_update AFTER UPDATE ON inventory_items
WHEN json_remove(OLD.audit_values, '$[14]') IS NOT json_remove(NEW.audit_values, '$[14]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_items', NEW.id, NULL, 'UPDATE', 26,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER inventory_items_audit_delete AFTER DELETE ON inventory_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_items', OLD.id, NULL, 'DELETE', 26,
            OLD.audit_values, NULL);
END;

-- inventory_batches
CREATE TRIGGER inventory_batches_updated_at AFTER UPDATE ON inventory_batches
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE inventory_batches SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER inventory_batches_audit_insert AFTER INSERT ON inventory_batches BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_batches', NEW.id, NULL, 'INSERT', 27,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER inventory_batches_audit_update AFTER UPDATE ON inventory_batches
WHEN json_remove(OLD.audit_values, '$[10]') IS NOT json_remove(NEW.audit_values, '$[10]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_batches', NEW.id, NULL, 'UPDATE', 27,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER inventory_batches_audit_delete AFTER DELETE ON inventory_batches BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_batches', OLD.id, NULL, 'DELETE', 27,
            OLD.audit_values, NULL);
END;

-- stock_movements
CREATE TRIGGER stock_movements_audit_insert AFTER INSERT ON stock_movements BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'stock_movements', NEW.id, NULL, 'INSERT', 28,
            zeroblob(32));
END;

-- pharmacy_fulfillments
CREATE TRIGGER pharmacy_fulfillments_updated_at AFTER UPDATE ON pharmacy_fulfillments
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE pharmacy_fulfillments SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER pharmacy_fulfillments_audit_insert AFTER INSERT ON pharmacy_fulfillments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', NEW.id, NEW.patient_id, 'INSERT', 29,
            zeroblob(32));
END;
CREATE TRIGGER pharmacy_fulfillments_audit_update AFTER UPDATE ON pharmacy_fulfillments
WHEN json_remove(OLD.audit_values, '$[13]') IS NOT json_remove(NEW.audit_values, '$[13]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', NEW.id, NEW.patient_id, 'UPDATE', 29,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER pharmacy_fulfillments_audit_delete AFTER DELETE ON pharmacy_fulfillments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', OLD.id, OLD.patient_id, 'DELETE', 29,
            OLD.audit_values, NULL);
END;

-- fulfillment_items
CREATE TRIGGER fulfillment_items_updated_at AFTER UPDATE ON fulfillment_items
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE fulfillment_items SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER fulfillment_items_audit_insert AFTER INSERT ON fulfillment_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'INSERT', 30,
            zeroblob(32));
END;
CREATE TRIGGER fulfillment_items_audit_update AFTER UPDATE ON fulfillment_items
WHEN json_remove(OLD.audit_values, '$[9]') IS NOT json_remove(NEW.audit_values, '$[9]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'UPDATE', 30,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER fulfillment_items_audit_delete AFTER DELETE ON fulfillment_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', OLD.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = OLD.fulfillment_id), 'DELETE', 30,
            OLD.audit_values, NULL);
END;

-- free_text_reviews
CREATE TRIGGER free_text_reviews_updated_at AFTER UPDATE ON free_text_reviews
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE free_text_reviews SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER free_text_reviews_audit_insert AFTER INSERT ON free_text_reviews BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'INSERT', 31,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER free_text_reviews_audit_update AFTER UPDATE ON free_text_reviews
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'UPDATE', 31,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER free_text_reviews_audit_delete AFTER DELETE ON free_text_reviews BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', OLD.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = OLD.prescription_medication_id), 'DELETE', 31,
            OLD.audit_values, NULL);
END;

-- dispense_acknowledgements
CREATE TRIGGER dispense_acknowledgements_audit_insert AFTER INSERT ON dispense_acknowledgements BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'dispense_acknowledgements', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'INSERT', 32,
            zeroblob(32));
END;

-- payments
CREATE TRIGGER payments_audit_insert AFTER INSERT ON payments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'payments', NEW.id, NULL, 'INSERT', 33,
            zeroblob(32));
END;

-- till_closes
CREATE TRIGGER till_closes_audit_insert AFTER INSERT ON till_closes BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'till_closes', NEW.id, NULL, 'INSERT', 34,
            zeroblob(32));
END;

CREATE VIEW audit_inserted_values AS
SELECT a.id, a.table_name, a.row_id, a.values_digest, coalesce(
       (SELECT c.old_values FROM audit_log c WHERE c.table_name = a.table_name AND c.row_id = a.row_id
           AND c.id > a.id AND c.old_values IS NOT NULL ORDER BY c.id LIMIT 1),
       CASE a.table_name
         WHEN 'medical_history' THEN (SELECT audit_values FROM medical_history WHERE id = a.row_id)
         WHEN 'allergies' THEN (SELECT audit_values FROM allergies WHERE id = a.row_id)
         WHEN 'current_medications' THEN (SELECT audit_values FROM current_medications WHERE id = a.row_id)
         WHEN 'vital_signs' THEN (SELECT audit_values FROM vital_signs WHERE id = a.row_id)
         WHEN 'patient_consents' THEN (SELECT audit_values FROM patient_consents WHERE id = a.row_id)
         WHEN 'appointments' THEN (SELECT audit_values FROM appointments WHERE id = a.row_id)
         WHEN 'prescriptions' THEN (SELECT audit_values FROM prescriptions WHERE id = a.row_id)
         WHEN 'prescription_medications' THEN (SELECT audit_values FROM prescription_medications WHERE id = a.row_id)
         WHEN 'prescription_tests' THEN (SELECT audit_values FROM prescription_tests WHERE id = a.row_id)
         WHEN 'prescription_amendments' THEN (SELECT audit_values FROM prescription_amendments WHERE id = a.row_id)
         WHEN 'prescription_overrides' THEN (SELECT audit_values FROM prescription_overrides WHERE id = a.row_id)
         WHEN 'stock_movements' THEN (SELECT audit_values FROM stock_movements WHERE id = a.row_id)
         WHEN 'pharmacy_fulfillments' THEN (SELECT audit_values FROM pharmacy_fulfillments WHERE id = a.row_id)
         WHEN 'fulfillment_items' THEN (SELECT audit_values FROM fulfillment_items WHERE id = a.row_id)
         WHEN 'dispense_acknowledgements' THEN (SELECT audit_values FROM dispense_acknowledgements WHERE id = a.row_id)
         WHEN 'payments' THEN (SELECT audit_values FROM payments WHERE id = a.row_id)
         WHEN 'till_closes' THEN (SELECT audit_values FROM till_closes WHERE id = a.row_id) END) AS new_values
  FROM audit_log a WHERE a.values_digest IS NOT NULL;

-- END GENERATED

------------------------------------------------------------------------------------------
-- Search
------------------------------------------------------------------------------------------
-- Full-text indexes of the registry and the inventory (external content, prefix indexes
-- for search as you type), kept in step with their tables by triggers.

-- The registry's search index, built from a view of what it indexes:
-- * code_number is the patient code without its 'PAT': indexed whole, every code began
--   with the prefix "pat", so typing "Pat" (for Patel) walked all 100,000 codes.
-- * joined_name is the name with apostrophes and hyphens taken out, for names that have
--   them ("OBrien" for O'Brien): the tokenizer splits "O'B" into "o" and "b", and a
--   one-letter prefix has no prefix index. It is empty for other names.
-- The triggers read the view too, before a change (to take the old row out) and after it.
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

-- The patient code, the search index and the audit row of a new patient are written in
-- one trigger, in this order, so the index and the audit row both carry the code.
CREATE TRIGGER patients_after_insert AFTER INSERT ON patients BEGIN
    UPDATE patients SET patient_code = 'PAT' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND patient_code IS NULL;
    INSERT INTO patients_fts(rowid, first_name, last_name, phone, email, code_number, joined_name)
    SELECT id, first_name, last_name, phone, email, code_number, joined_name FROM patients_search WHERE id = NEW.id;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'patients', p.id, p.id, 'INSERT', 8,
           p.audit_values
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

CREATE VIRTUAL TABLE inventory_fts USING fts5(
    name, generic_name,
    content = 'inventory_items', content_rowid = 'id', prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER inventory_fts_insert AFTER INSERT ON inventory_items BEGIN
    INSERT INTO inventory_fts(rowid, name, generic_name) VALUES (NEW.id, NEW.name, NEW.generic_name);
END;

CREATE TRIGGER inventory_fts_update AFTER UPDATE OF name, generic_name ON inventory_items BEGIN
    INSERT INTO inventory_fts(inventory_fts, rowid, name, generic_name)
    VALUES ('delete', OLD.id, OLD.name, OLD.generic_name);
    INSERT INTO inventory_fts(rowid, name, generic_name) VALUES (NEW.id, NEW.name, NEW.generic_name);
END;

-- No delete trigger for inventory_fts: inventory items are never deleted (see above).
