package demo

import (
	"fmt"
	"time"
)

// chartOpens is how many of the latest visits have their chart opened by the doctor in
// the access log: enough for every screen that reads it to have pages, few enough that
// a large clinic's build does not wait on one write per visit.
const chartOpens = 150

// buildAccess writes the access log a working clinic has, through the same store calls
// the desks make: each doctor opening the chart of their recent visits, and, for the
// first patient with an account of their own, a doctor's look and the front desk's
// emergency access, so their own view shows who opened their record.
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
	if len(b.accountOf) == 0 {
		return nil
	}
	return b.openedInEmergency(b.accountOf[0])
}

// openedInEmergency has a doctor open the patient's chart yesterday and the front desk
// open it in an emergency an hour ago.
func (b *builder) openedInEmergency(patientID int64) error {
	doctor := b.users[b.team.Doctors[0].Email].Actor()
	b.clock.set(b.now.AddDate(0, 0, -1))
	if _, err := b.h.Chart(b.ctx, doctor, patientID); err != nil {
		return fmt.Errorf("demo chart opened by %s: %w", doctor.Name, err)
	}
	desk := b.users[b.team.Receptionists[0].Email].Actor()
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
