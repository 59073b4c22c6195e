package demo

import (
	"os"
	"testing"
	"time"
)

// clinicFor builds a size's doctors and patients and plans its appointments.
func clinicFor(t *testing.T, r *Rand, s Size) ([]Doctor, []Person, []Appointment) {
	t.Helper()
	c := s.Counts()
	team := NewTeam(r, c)
	patients := make([]Person, c.Patients)
	for i := range patients {
		patients[i] = NewPerson(r)
	}
	seq, err := Appointments(r, c, team.Doctors, patients)
	if err != nil {
		t.Fatal(err)
	}
	var out []Appointment
	for a := range seq {
		out = append(out, a)
	}
	return team.Doctors, patients, out
}

func TestAppointments(t *testing.T) {
	t.Parallel()
	sizes := []Size{Small, Clinic}
	// The large plan (a million appointments) takes half a minute on 2 cores: only
	// CLINICDESK_LARGE=1 asks for it.
	if os.Getenv("CLINICDESK_LARGE") != "" {
		sizes = append(sizes, Large)
	}
	for _, s := range sizes {
		t.Run(s.String(), func(t *testing.T) {
			loc := time.FixedZone("IST", 5*3600+1800)
			now := time.Date(2025, time.March, 5, 11, 7, 0, 0, loc) // a Wednesday morning
			r := NewAt(99, now)
			doctors, patients, appts := clinicFor(t, r, s)
			c := s.Counts()
			if len(appts) != c.Appointments {
				t.Fatalf("%d appointments, want %d", len(appts), c.Appointments)
			}
			first := r.Today().AddDate(0, 0, -c.PastDays)
			last := r.Today().AddDate(0, 0, c.FutureDays+1)
			type key struct {
				who   int
				start time.Time
			}
			doctorBusy := map[key]bool{}
			patientBusy := map[key]bool{}
			statuses := map[string]int{}
			today := 0
			for i, a := range appts {
				if i > 0 && a.Start.Before(appts[i-1].Start) {
					t.Fatalf("not in time order at %d", i)
				}
				if a.Start.Before(first) || !a.Start.Before(last) || !working(a.Start) {
					t.Fatalf("outside the window: %v", a.Start)
				}
				if m := a.Start.Hour()*60 + a.Start.Minute(); m < 9*60 || m >= 18*60 || (m >= 13*60 && m < 14*60) || m%SlotMinutes != 0 {
					t.Fatalf("outside working hours: %v", a.Start)
				}
				if a.End.Sub(a.Start) != SlotMinutes*time.Minute || a.Start.Location() != loc {
					t.Fatalf("bad slot %v–%v", a.Start, a.End)
				}
				if doctorBusy[key{a.Doctor, a.Start}] {
					t.Fatalf("doctor %d double booked at %v", a.Doctor, a.Start)
				}
				doctorBusy[key{a.Doctor, a.Start}] = true
				if patientBusy[key{a.Patient, a.Start}] {
					t.Fatalf("patient %d double booked at %v", a.Patient, a.Start)
				}
				patientBusy[key{a.Patient, a.Start}] = true

				d, p := doctors[a.Doctor], patients[a.Patient]
				if spec, _ := SpecialityNamed(d.Speciality); !spec.Fits(p.Age(r.Today()), p.Sex) {
					t.Fatalf("%s sees a %d-year-old %s", d.Speciality, p.Age(r.Today()), p.Sex)
				}
				checkStatus(t, a, now)
				if a.Reason == "" || a.FeeCents != d.FeeCents {
					t.Fatalf("bad booking %+v", a)
				}
				statuses[a.Status]++
				if midnight(a.Start).Equal(r.Today()) {
					today++
				}
			}
			for _, st := range []string{Scheduled, Confirmed, Completed, Cancelled, NoShow} {
				if statuses[st] == 0 {
					t.Errorf("no %s appointments: %v", st, statuses)
				}
			}
			if today < len(doctors)*3 {
				t.Errorf("only %d appointments today for %d doctors", today, len(doctors))
			}
		})
	}
}

// checkStatus checks that an appointment's status, payment and times agree with now.
func checkStatus(t *testing.T, a Appointment, now time.Time) {
	t.Helper()
	past, future := !a.End.After(now), a.Start.After(now)
	ok := map[string]bool{
		Completed:      past,
		NoShow:         past,
		InConsultation: !past && !future,
		CheckedIn:      future,
		Scheduled:      future,
		Confirmed:      future,
		Cancelled:      true,
	}[a.Status]
	if !ok {
		t.Fatalf("%s at %v with now %v", a.Status, a.Start, now)
	}
	if (a.Status == Cancelled) != (a.CancelReason != "") {
		t.Fatalf("cancel reason %q for %s", a.CancelReason, a.Status)
	}
	switch a.PaymentStatus {
	case "paid":
		if a.PaymentMethod == "" || a.AmountPaidCents != a.FeeCents {
			t.Fatalf("paid without method or amount: %+v", a)
		}
	case "unpaid", "waived":
		if a.PaymentMethod != "" || a.AmountPaidCents != 0 {
			t.Fatalf("%s with a payment: %+v", a.PaymentStatus, a)
		}
	default:
		t.Fatalf("payment status %q", a.PaymentStatus)
	}
	for _, ts := range []time.Time{a.CheckedInAt, a.StartedAt, a.CompletedAt} {
		if ts.After(now) {
			t.Fatalf("a time after now: %+v", a)
		}
	}
	reached := map[string][3]bool{ // checked in, started, completed
		Completed: {true, true, true}, InConsultation: {true, true, false}, CheckedIn: {true, false, false},
	}[a.Status]
	if reached != [3]bool{!a.CheckedInAt.IsZero(), !a.StartedAt.IsZero(), !a.CompletedAt.IsZero()} {
		t.Fatalf("times do not match %s: %+v", a.Status, a)
	}
	if !a.StartedAt.IsZero() && a.StartedAt.Before(a.CheckedInAt) || !a.CompletedAt.IsZero() && a.CompletedAt.Before(a.StartedAt) {
		t.Fatalf("times out of order: %+v", a)
	}
}

func TestAppointmentsAreDeterministic(t *testing.T) {
	t.Parallel()
	plan := func() []Appointment {
		_, _, appts := clinicFor(t, New(5), Small)
		return appts
	}
	a, b := plan(), plan()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("appointment %d differs: %+v / %+v", i, a[i], b[i])
		}
	}
	r := New(1)
	if _, err := Appointments(r, Small.Counts(), nil, nil); err == nil {
		t.Error("appointments without doctors were planned")
	}
}
