-- Schema version 13: payments and the daily tills; overbooking on purpose
------------------------------------------------------------------------------------------

-- An appointment may overbook its doctor's time when it states why. The doctor-overlap
-- triggers let a row with a reason share the time (see schema.sql), and the audit
-- triggers of appointments, which name every column, are made again with the new one.
ALTER TABLE appointments ADD COLUMN overbook_reason TEXT CHECK (overbook_reason IS NULL OR length(trim(overbook_reason)) > 0);

DROP TRIGGER appointments_no_doctor_overlap_insert;
DROP TRIGGER appointments_no_doctor_overlap_update;
DROP TRIGGER appointments_after_insert;
DROP TRIGGER appointments_audit_update;
DROP TRIGGER appointments_audit_delete;
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
CREATE TRIGGER appointments_after_insert AFTER INSERT ON appointments BEGIN
    UPDATE appointments SET appointment_code = 'APT' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND appointment_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'appointments', a.id, a.patient_id, 'INSERT',
           json_object('id', a.id, 'appointment_code', a.appointment_code, 'patient_id', a.patient_id,
                       'doctor_id', a.doctor_id, 'starts_at', a.starts_at, 'ends_at', a.ends_at,
                       'status', a.status, 'reason', a.reason, 'notes', a.notes,
                       'cancel_reason', a.cancel_reason, 'fee_cents', a.fee_cents,
                       'payment_status', a.payment_status, 'payment_method', a.payment_method,
                       'amount_paid_cents', a.amount_paid_cents, 'paid_at', a.paid_at,
                       'checked_in_at', a.checked_in_at,
                       'consultation_started_at', a.consultation_started_at,
                       'completed_at', a.completed_at, 'series_id', a.series_id,
                       'booked_by', a.booked_by, 'created_at', a.created_at, 'updated_at', a.updated_at,
                       'overbook_reason', a.overbook_reason)
      FROM appointments a WHERE a.id = NEW.id;
END;
CREATE TRIGGER appointments_audit_update AFTER UPDATE ON appointments
WHEN OLD.appointment_code IS NOT NULL AND (NEW.id IS NOT OLD.id OR
      NEW.appointment_code IS NOT OLD.appointment_code OR NEW.patient_id IS NOT OLD.patient_id OR
      NEW.doctor_id IS NOT OLD.doctor_id OR NEW.starts_at IS NOT OLD.starts_at OR
      NEW.ends_at IS NOT OLD.ends_at OR NEW.status IS NOT OLD.status OR
      NEW.reason IS NOT OLD.reason OR NEW.notes IS NOT OLD.notes OR
      NEW.cancel_reason IS NOT OLD.cancel_reason OR NEW.fee_cents IS NOT OLD.fee_cents OR
      NEW.payment_status IS NOT OLD.payment_status OR NEW.payment_method IS NOT OLD.payment_method OR
      NEW.amount_paid_cents IS NOT OLD.amount_paid_cents OR NEW.paid_at IS NOT OLD.paid_at OR
      NEW.checked_in_at IS NOT OLD.checked_in_at OR
      NEW.consultation_started_at IS NOT OLD.consultation_started_at OR
      NEW.completed_at IS NOT OLD.completed_at OR NEW.series_id IS NOT OLD.series_id OR
      NEW.booked_by IS NOT OLD.booked_by OR NEW.created_at IS NOT OLD.created_at OR
      NEW.overbook_reason IS NOT OLD.overbook_reason)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', NEW.id, NEW.patient_id, 'UPDATE', 
            json_object('id', OLD.id, 'appointment_code', OLD.appointment_code,
                'patient_id', OLD.patient_id, 'doctor_id', OLD.doctor_id,
                'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'status', OLD.status,
                'reason', OLD.reason, 'notes', OLD.notes, 'cancel_reason', OLD.cancel_reason,
                'fee_cents', OLD.fee_cents, 'payment_status', OLD.payment_status,
                'payment_method', OLD.payment_method, 'amount_paid_cents', OLD.amount_paid_cents,
                'paid_at', OLD.paid_at, 'checked_in_at', OLD.checked_in_at,
                'consultation_started_at', OLD.consultation_started_at,
                'completed_at', OLD.completed_at, 'series_id', OLD.series_id,
                'booked_by', OLD.booked_by, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at, 'overbook_reason', OLD.overbook_reason),
            json_object('id', NEW.id, 'appointment_code', NEW.appointment_code,
                'patient_id', NEW.patient_id, 'doctor_id', NEW.doctor_id,
                'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at, 'status', NEW.status,
                'reason', NEW.reason, 'notes', NEW.notes, 'cancel_reason', NEW.cancel_reason,
                'fee_cents', NEW.fee_cents, 'payment_status', NEW.payment_status,
                'payment_method', NEW.payment_method, 'amount_paid_cents', NEW.amount_paid_cents,
                'paid_at', NEW.paid_at, 'checked_in_at', NEW.checked_in_at,
                'consultation_started_at', NEW.consultation_started_at,
                'completed_at', NEW.completed_at, 'series_id', NEW.series_id,
                'booked_by', NEW.booked_by, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at, 'overbook_reason', NEW.overbook_reason));
END;
CREATE TRIGGER appointments_audit_delete AFTER DELETE ON appointments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', OLD.id, OLD.patient_id, 'DELETE', 
            json_object('id', OLD.id, 'appointment_code', OLD.appointment_code,
                'patient_id', OLD.patient_id, 'doctor_id', OLD.doctor_id,
                'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at, 'status', OLD.status,
                'reason', OLD.reason, 'notes', OLD.notes, 'cancel_reason', OLD.cancel_reason,
                'fee_cents', OLD.fee_cents, 'payment_status', OLD.payment_status,
                'payment_method', OLD.payment_method, 'amount_paid_cents', OLD.amount_paid_cents,
                'paid_at', OLD.paid_at, 'checked_in_at', OLD.checked_in_at,
                'consultation_started_at', OLD.consultation_started_at,
                'completed_at', OLD.completed_at, 'series_id', OLD.series_id,
                'booked_by', OLD.booked_by, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at, 'overbook_reason', OLD.overbook_reason), NULL);
END;

-- Every amount taken, refunded or waived becomes a row of payments. The amounts already
-- recorded on appointments and fulfilments are brought in as one row each, in the till of
-- the UTC date they were taken (the clinic's time zone is a setting SQL cannot apply), before
-- the audit triggers exist: nothing changed, so they leave no audit rows.
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

INSERT INTO payments(desk, appointment_id, kind, method, amount_cents, till_date, taken_by, taken_at)
SELECT 'front_desk', id, 'payment', coalesce(payment_method, 'other'), amount_paid_cents,
       date(coalesce(paid_at, updated_at)), NULL, coalesce(paid_at, updated_at)
  FROM appointments WHERE amount_paid_cents > 0 ORDER BY id;
INSERT INTO payments(desk, appointment_id, kind, method, amount_cents, till_date, taken_by, taken_at)
SELECT 'front_desk', id, 'waiver', NULL, fee_cents - amount_paid_cents,
       date(coalesce(paid_at, updated_at)), NULL, coalesce(paid_at, updated_at)
  FROM appointments WHERE payment_status = 'waived' AND fee_cents > amount_paid_cents ORDER BY id;
INSERT INTO payments(desk, fulfillment_id, kind, method, amount_cents, till_date, taken_by, taken_at)
SELECT 'pharmacy', id, 'payment', coalesce(payment_method, 'other'), amount_paid_cents,
       date(coalesce(completed_at, updated_at)), NULL, coalesce(completed_at, updated_at)
  FROM pharmacy_fulfillments WHERE amount_paid_cents > 0 ORDER BY id;
INSERT INTO payments(desk, fulfillment_id, kind, method, amount_cents, till_date, taken_by, taken_at)
SELECT 'pharmacy', id, 'waiver', NULL, total_cents - amount_paid_cents,
       date(coalesce(completed_at, updated_at)), NULL, coalesce(completed_at, updated_at)
  FROM pharmacy_fulfillments WHERE payment_status = 'waived' AND total_cents > amount_paid_cents ORDER BY id;

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

-- The audit triggers of the new tables, as schema.sql has them.
CREATE TRIGGER payments_audit_insert AFTER INSERT ON payments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'payments', NEW.id, NULL, 'INSERT', NULL,
            json_object('id', NEW.id, 'desk', NEW.desk,
                'appointment_id', NEW.appointment_id, 'fulfillment_id', NEW.fulfillment_id,
                'kind', NEW.kind, 'method', NEW.method, 'amount_cents', NEW.amount_cents,
                'reason', NEW.reason, 'till_date', NEW.till_date, 'taken_by', NEW.taken_by,
                'taken_at', NEW.taken_at));
END;
CREATE TRIGGER till_closes_audit_insert AFTER INSERT ON till_closes BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'till_closes', NEW.id, NULL, 'INSERT', NULL,
            json_object('id', NEW.id, 'desk', NEW.desk, 'till_date', NEW.till_date,
                'payment_count', NEW.payment_count, 'expected_cash_cents', NEW.expected_cash_cents,
                'counted_cash_cents', NEW.counted_cash_cents,
                'expected_card_cents', NEW.expected_card_cents,
                'counted_card_cents', NEW.counted_card_cents,
                'expected_upi_cents', NEW.expected_upi_cents,
                'counted_upi_cents', NEW.counted_upi_cents,
                'expected_insurance_cents', NEW.expected_insurance_cents,
                'counted_insurance_cents', NEW.counted_insurance_cents,
                'expected_other_cents', NEW.expected_other_cents,
                'counted_other_cents', NEW.counted_other_cents,
                'difference_reason', NEW.difference_reason, 'closed_by', NEW.closed_by,
                'closed_at', NEW.closed_at));
END;
