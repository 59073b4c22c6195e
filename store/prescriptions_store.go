package store

import "context"

// The Store's prescription writes: each runs the Tx method of the same name in a
// transaction of its own.

// CreatePrescription starts a draft prescription for an appointment and returns its id.
func (s *Store) CreatePrescription(ctx context.Context, actor Actor, appointmentID int64) (int64, error) {
	defer s.timed("CreatePrescription")()
	var id int64
	err := s.write(ctx, actor, func(tx *Tx) (err error) {
		id, err = tx.CreatePrescription(ctx, appointmentID)
		return err
	})
	return id, err
}

// SetPrescriptionText sets a draft's diagnosis, notes and sketch.
func (s *Store) SetPrescriptionText(ctx context.Context, actor Actor, id int64, diagnosis, notes, sketch string) error {
	defer s.timed("SetPrescriptionText")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.SetPrescriptionText(ctx, id, diagnosis, notes, sketch) })
}

// AddMedication adds a medication line to a draft and returns its id.
func (s *Store) AddMedication(ctx context.Context, actor Actor, prescriptionID int64, in MedicationInput) (int64, error) {
	defer s.timed("AddMedication")()
	var id int64
	err := s.write(ctx, actor, func(tx *Tx) (err error) {
		id, err = tx.AddMedication(ctx, prescriptionID, in)
		return err
	})
	return id, err
}

// UpdateMedication rewrites a medication line of a draft.
func (s *Store) UpdateMedication(ctx context.Context, actor Actor, medicationID int64, in MedicationInput) error {
	defer s.timed("UpdateMedication")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.UpdateMedication(ctx, medicationID, in) })
}

// RemoveMedication removes a medication line from a draft.
func (s *Store) RemoveMedication(ctx context.Context, actor Actor, medicationID int64) error {
	defer s.timed("RemoveMedication")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.RemoveMedication(ctx, medicationID) })
}

// AddTestOrder orders a test on a draft and returns its id.
func (s *Store) AddTestOrder(ctx context.Context, actor Actor, prescriptionID int64, in TestOrderInput) (int64, error) {
	defer s.timed("AddTestOrder")()
	var id int64
	err := s.write(ctx, actor, func(tx *Tx) (err error) {
		id, err = tx.AddTestOrder(ctx, prescriptionID, in)
		return err
	})
	return id, err
}

// RemoveTestOrder removes a test from a draft.
func (s *Store) RemoveTestOrder(ctx context.Context, actor Actor, testID int64) error {
	defer s.timed("RemoveTestOrder")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.RemoveTestOrder(ctx, testID) })
}

// SubmitPrescription sends a draft to the pharmacy.
func (s *Store) SubmitPrescription(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("SubmitPrescription")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.SubmitPrescription(ctx, id) })
}

// CancelPrescription cancels a prescription that is not yet fulfilled.
func (s *Store) CancelPrescription(ctx context.Context, actor Actor, id int64, reason string) error {
	defer s.timed("CancelPrescription")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.CancelPrescription(ctx, id, reason) })
}

// AmendPrescription adds a signed amendment to a submitted prescription and returns its id.
func (s *Store) AmendPrescription(ctx context.Context, actor Actor, id int64, reason, text string) (int64, error) {
	defer s.timed("AmendPrescription")()
	var amendmentID int64
	err := s.write(ctx, actor, func(tx *Tx) (err error) {
		amendmentID, err = tx.AmendPrescription(ctx, id, reason, text)
		return err
	})
	return amendmentID, err
}
