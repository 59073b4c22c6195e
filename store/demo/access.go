package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
)

// chartOpens is how many of the latest visits have their chart opened by the doctor in
// the access log: enough for every screen that reads it to have pages, few enough that
// a large clinic's build does not wait on one write per visit.
const chartOpens = 150

// buildAccess writes the access log a working clinic has, through the same store calls
// the desks make: each doctor opening the chart of their recent visits, and the front
// desk opening one chart in an emergency. The patient of the latest visit gets an
// account for their own view (the demo password), so they can see who opened their
// record.
func (b *builder) buildAccess() error {
	b.begin("Opening charts")
	visits := b.visits
	if len(visits) > chartOpens {
		visits = visits[len(visits)-chartOpens:]
	}
	b.total += len(visits)
	for _, v := range visits {
		b.clock.set(v.start.Add(2 * time.Minute))
		doctor := b.users[b.team.Doctors[v.doctor].Email].Actor()
		if _, err := b.h.Chart(b.ctx, doctor, b.patientIDs[v.patient]); err != nil {
			return fmt.Errorf("demo chart opened by %s: %w", doctor.Name, err)
		}
		b.step(1)
	}
	b.clock.set(b.now)
	if len(visits) == 0 {
		return nil
	}
	return b.portalPatient(b.patientIDs[visits[len(visits)-1].patient])
}

// portalPatient gives the patient an account (with the demo's password) and has the front desk open their chart in
// an emergency an hour ago.
func (b *builder) portalPatient(patientID int64) error {
	desk := b.users[b.team.Receptionists[0].Email].Actor()
	p, err := b.h.Patient(b.ctx, desk, patientID)
	if err != nil {
		return err
	}
	email := p.Email
	if email == "" {
		email = strings.ToLower(p.FirstName+"."+p.LastName) + "@patient.example"
	}
	pw, err := b.s.HashSharedPassword(Password)
	if err != nil {
		return err
	}
	n := store.NewUser{Email: email, FullName: p.FirstName + " " + p.LastName, Role: store.RolePatient, Password: Password}
	err = b.h.Batch(b.ctx, b.system, func(tx *store.Tx) error {
		id, err := tx.CreateUser(b.ctx, n, pw)
		if err != nil {
			return err
		}
		return tx.LinkPatientAccount(b.ctx, patientID, id)
	})
	if err != nil {
		return fmt.Errorf("demo patient account: %w", err)
	}
	u := Account{Email: n.Email, Role: n.Role, FullName: n.FullName}
	b.sum.Accounts = append(b.sum.Accounts, u)
	b.clock.set(b.now.Add(-time.Hour))
	defer b.clock.set(b.now)
	if _, err := b.h.BreakGlass(b.ctx, desk, patientID, "Patient felt faint at the desk; checked allergies before giving water and sugar"); err != nil {
		return fmt.Errorf("demo emergency access: %w", err)
	}
	if _, err := b.h.Chart(b.ctx, desk, patientID); err != nil {
		return fmt.Errorf("demo emergency chart: %w", err)
	}
	return nil
}
