package demo

import (
	"fmt"
	"time"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
)

// visit is a written appointment that later gets a prescription.
type visit struct {
	id              int64
	doctor, patient int // indexes into the team's doctors and the patients
	status          string
	start, end      time.Time
}

// buildAppointments writes the appointment book: past visits completed, missed or
// cancelled, today's in every state, and the coming weeks booked. Visits that fall on
// a doctor's leave or the clinic's holiday are left out, as the desk would have moved
// them.
func (b *builder) buildAppointments() error {
	b.begin("Filling the appointment book")
	plan, err := gen.Appointments(b.rand(5), b.counts, b.team.Doctors, b.patients)
	if err != nil {
		return err
	}
	r := b.rand(6)
	recent := b.now.AddDate(0, 0, -rxDays(b.size))
	var receptionists []int64
	for _, m := range b.team.Receptionists {
		receptionists = append(receptionists, b.users[m.Email].ID)
	}
	pending := make([]gen.Appointment, 0, rowsPerBatch)
	flush := func() error {
		err := b.h.Batch(b.ctx, b.system, func(tx *store.Tx) error {
			imported := make([]store.ImportedAppointment, len(pending))
			for i, a := range pending {
				imported[i] = b.imported(r, a, receptionists)
			}
			ids, err := tx.ImportAppointments(b.ctx, imported)
			if err != nil {
				return fmt.Errorf("demo appointments: %w", err)
			}
			for i, a := range pending {
				if a.Status == gen.InConsultation || (a.Status == gen.Completed && a.Start.After(recent)) {
					b.visits = append(b.visits, visit{id: ids[i], doctor: a.Doctor, patient: a.Patient,
						status: a.Status, start: a.Start, end: a.End})
				}
			}
			return nil
		})
		b.step(len(pending))
		b.sum.Appointments += len(pending)
		pending = pending[:0]
		return err
	}
	skipped := 0
	for a := range plan {
		day := date(a.Start)
		if day == b.holiday || b.leaveDays[a.Doctor][day] {
			skipped++
			continue
		}
		pending = append(pending, a)
		if len(pending) == rowsPerBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	b.step(skipped)
	return nil
}

// imported is one planned appointment as the store imports it, booked by one of the
// receptionists some days before it.
func (b *builder) imported(r *gen.Rand, a gen.Appointment, receptionists []int64) store.ImportedAppointment {
	created := a.Start.AddDate(0, 0, -r.Between(0, 21)).Add(-time.Duration(r.Between(10, 600)) * time.Minute)
	if created.After(b.now) {
		created = b.now
	}
	in := store.ImportedAppointment{PatientID: b.patientIDs[a.Patient], DoctorID: b.doctorIDs[a.Doctor],
		Start: a.Start, End: a.End, Status: store.AppointmentStatus(a.Status), Reason: a.Reason,
		CancelReason: a.CancelReason, FeeCents: a.FeeCents, PaymentStatus: store.PaymentStatus(a.PaymentStatus),
		PaymentMethod: store.PaymentMethod(a.PaymentMethod), AmountPaidCents: a.AmountPaidCents,
		CheckedInAt: a.CheckedInAt, ConsultationStartedAt: a.StartedAt, CompletedAt: a.CompletedAt,
		BookedBy: gen.Pick(r, receptionists), CreatedAt: created}
	// A fee paid or waived was settled at check-in, as the desk stamps it (paid_at).
	if a.PaymentStatus == "paid" || a.PaymentStatus == "waived" {
		in.PaidAt = a.CheckedInAt
	}
	return in
}
