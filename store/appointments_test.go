package store

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestBookRules(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	tests := []struct {
		name  string
		in    BookingInput
		kind  error // nil: booked
		field string
		words string
		until time.Time // the booked end
	}{
		{name: "inside the morning block, slot length", in: BookingInput{Start: f.at(3, 10, 15)}, until: f.at(3, 10, 30)},
		{name: "inside the afternoon block, its own slot length", in: BookingInput{Start: f.at(3, 14, 0)}, until: f.at(3, 14, 30)},
		{name: "explicit length", in: BookingInput{Start: f.at(3, 11, 0), Minutes: 45}, until: f.at(3, 11, 45)},
		{name: "seconds are dropped", in: BookingInput{Start: f.at(3, 12, 0).Add(30 * time.Second)}, until: f.at(3, 12, 15)},
		{name: "next week", in: BookingInput{Start: f.at(10, 9, 0)}, until: f.at(10, 9, 15)},
		{name: "between blocks", in: BookingInput{Start: f.at(3, 13, 30)}, kind: ErrInvalid, field: "start",
			words: "Dr. Anil Rao works 09:00–13:00 and 14:00–17:00 on Mondays; 13:30 is outside those hours."},
		{name: "runs past the block", in: BookingInput{Start: f.at(3, 12, 45), Minutes: 30}, kind: ErrInvalid, field: "start",
			words: "12:45–13:15 is outside those hours."},
		{name: "a day off", in: BookingInput{Start: f.at(9, 10, 0)}, kind: ErrInvalid, field: "start",
			words: "Dr. Anil Rao does not work on Sundays."},
		{name: "on leave", in: BookingInput{Start: f.at(6, 10, 0)}, kind: ErrInvalid, field: "start",
			words: "Dr. Anil Rao is on leave 5–7 March."},
		{name: "a clinic holiday", in: BookingInput{Start: f.at(4, 10, 0)}, kind: ErrInvalid, field: "start",
			words: "The clinic is closed on 4 March (Holi)."},
		{name: "earlier today", in: BookingInput{Start: f.at(3, 9, 45)}, kind: ErrInvalid, field: "start", words: "That time has passed"},
		{name: "last year", in: BookingInput{Start: f.at(3, 10, 0).AddDate(-1, 0, 0)}, kind: ErrInvalid, field: "start", words: "has passed"},
		{name: "too short", in: BookingInput{Start: f.at(10, 10, 0), Minutes: 3}, kind: ErrInvalid, field: "minutes", words: "5 to 240"},
		{name: "no time", in: BookingInput{}, kind: ErrInvalid, field: "start", words: "Choose a date"},
		{name: "no such patient", in: BookingInput{PatientID: 999, Start: f.at(10, 10, 0)}, kind: ErrNotFound, words: "patient"},
		{name: "no such doctor", in: BookingInput{DoctorID: 999, Start: f.at(10, 10, 0)}, kind: ErrNotFound, words: "doctor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if in.PatientID == 0 {
				in.PatientID = f.asha
			}
			if in.DoctorID == 0 {
				in.DoctorID = f.rao
			}
			id, err := f.s.Book(calCtx, f.desk.Actor(), in)
			if tt.kind != nil {
				wantApptErr(t, err, tt.kind, tt.words)
				var fe *FieldError
				if tt.field != "" && (!errors.As(err, &fe) || fe.Field != tt.field) {
					t.Fatalf("field of %v, want %s", err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			a := f.get(t, id)
			if !a.End.Equal(tt.until) || a.Status != AppointmentScheduled || a.FeeCents != 50000 ||
				a.PaymentStatus != PaymentUnpaid || a.BookedBy != f.desk.ID || a.PatientName != "Asha Patel" ||
				a.DoctorName != "Anil Rao" || a.Code == "" || a.PatientCode == "" || !a.CreatedAt.Equal(f.clock.t.Truncate(time.Second)) {
				t.Fatalf("booked %+v", a)
			}
		})
	}
	if _, err := f.s.Book(calCtx, f.raoUser.Actor(), BookingInput{PatientID: f.asha, DoctorID: f.rao, Start: f.at(17, 9, 0)}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("doctor booking: %v", err)
	}
}

func TestBookCopiesTheFeeAtBookingTime(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	first := f.book(t, f.asha, f.mehtaID, f.at(10, 9, 0))
	if err := f.s.Batch(calCtx, System("test"), func(tx *Tx) error {
		_, err := tx.exec(calCtx, `UPDATE doctors SET consultation_fee_cents = 90000 WHERE id = ?`, f.mehtaID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	second := f.book(t, f.asha, f.mehtaID, f.at(10, 10, 0))
	if a, b := f.get(t, first), f.get(t, second); a.FeeCents != 80000 || b.FeeCents != 90000 {
		t.Fatalf("fees %d and %d, want 80000 then 90000", a.FeeCents, b.FeeCents)
	}
}

func TestBookOverlapIsRefusedInPlainWords(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	taken := f.book(t, f.asha, f.rao, f.at(3, 10, 30))
	tests := []struct {
		name  string
		in    BookingInput
		rule  string
		words string
	}{
		{"the doctor's same slot", BookingInput{PatientID: f.ravi, DoctorID: f.rao, Start: f.at(3, 10, 30)},
			"doctor_overlap", "Dr. Anil Rao already has an appointment 10:30–10:45 on 3 March."},
		{"the doctor, partly", BookingInput{PatientID: f.ravi, DoctorID: f.rao, Start: f.at(3, 10, 15), Minutes: 30},
			"doctor_overlap", "Dr. Anil Rao already has an appointment 10:30–10:45 on 3 March."},
		{"the patient, with another doctor", BookingInput{PatientID: f.asha, DoctorID: f.mehtaID, Start: f.at(3, 10, 20)},
			"patient_overlap", "Asha Patel already has an appointment 10:30–10:45 on 3 March with Dr. Anil Rao."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.s.Book(calCtx, f.desk.Actor(), tt.in)
			var ce *ConflictError
			if !errors.As(err, &ce) || ce.Rule != tt.rule || ce.Message != tt.words || !errors.Is(err, ErrConflict) {
				t.Fatalf("error = %#v, want %s: %q", err, tt.rule, tt.words)
			}
		})
	}
	// Back to back is not an overlap, and a cancelled visit frees its time.
	f.book(t, f.ravi, f.rao, f.at(3, 10, 45))
	if err := f.s.Cancel(calCtx, f.desk.Actor(), taken, "Patient called"); err != nil {
		t.Fatal(err)
	}
	f.book(t, f.ravi, f.rao, f.at(3, 10, 30))
}

// Twenty desks book the same slot at once, each for its own patient: the writer
// serialises them, the schema's trigger refuses all but one.
func TestConcurrentBookingOfOneSlot(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	const n = 20
	patients := make([]int64, n)
	for i := range patients {
		patients[i] = f.patient(t, "Patient", string(rune('A'+i)))
	}
	start := f.at(10, 11, 0)
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.s.Book(calCtx, f.desk.Actor(), BookingInput{PatientID: patients[i], DoctorID: f.rao, Start: start})
		}()
	}
	wg.Wait()
	won, refused := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case errors.Is(err, ErrConflict):
			refused++
			wantApptErr(t, err, ErrConflict, "Dr. Anil Rao already has an appointment 11:00–11:15 on 10 March.")
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	var held int
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT count(*) FROM appointments WHERE doctor_id = ? AND starts_at = ?
		AND status NOT IN ('cancelled', 'no_show')`, f.rao, formatTime(start)).Scan(&held); err != nil {
		t.Fatal(err)
	}
	if won != 1 || refused != n-1 || held != 1 {
		t.Fatalf("won %d, refused %d, rows holding the slot %d; want 1, %d, 1", won, refused, held, n-1)
	}
}

func TestImportAppointment(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	paidAt := f.at(1, 11, 0)
	in := ImportedAppointment{PatientID: f.asha, DoctorID: f.rao, Start: f.at(1, 10, 0), End: f.at(1, 10, 30),
		Status: AppointmentCompleted, Reason: "Cough", FeeCents: 50000, PaymentStatus: PaymentPaid,
		PaymentMethod: PaymentCard, AmountPaidCents: 50000, PaidAt: paidAt, CheckedInAt: f.at(1, 9, 50),
		ConsultationStartedAt: f.at(1, 10, 0), CompletedAt: f.at(1, 10, 25), BookedBy: f.desk.ID, CreatedAt: f.at(1, 8, 0)}
	id := f.imported(t, in)
	a := f.get(t, id)
	if a.Status != AppointmentCompleted || !a.PaidAt.Equal(paidAt) || a.PaymentMethod != PaymentCard ||
		!a.CompletedAt.Equal(f.at(1, 10, 25)) || !a.CreatedAt.Equal(f.at(1, 8, 0)) || a.BookedBy != f.desk.ID {
		t.Fatalf("imported %+v", a)
	}
	// A Saturday in the past and a cancelled visit over the same time are history too.
	f.imported(t, ImportedAppointment{PatientID: f.ravi, DoctorID: f.rao, Start: f.at(1, 10, 0), End: f.at(1, 10, 30),
		Status: AppointmentCancelled, CancelReason: "Rain"})

	tests := []struct {
		name  string
		edit  func(*ImportedAppointment)
		kind  error
		words string
	}{
		{"the doctor's time is taken", func(in *ImportedAppointment) { in.PatientID = f.ravi }, ErrConflict,
			"Dr. Anil Rao already has an appointment 10:00–10:30 on 1 March."},
		{"cancelled without a reason", func(in *ImportedAppointment) { in.Status, in.CancelReason = AppointmentCancelled, "" },
			ErrInvalid, "needs its reason"},
		{"negative fee, by the schema's CHECK", func(in *ImportedAppointment) {
			in.Start, in.End, in.FeeCents = f.at(2, 10, 0), f.at(2, 10, 30), -1
		}, ErrInvalid, "not valid"},
		{"unknown status", func(in *ImportedAppointment) { in.Status = "lost" }, ErrInvalid, "Unknown appointment status"},
		{"longer than the schema allows", func(in *ImportedAppointment) { in.Start, in.End = f.at(2, 1, 0), f.at(2, 10, 30) }, ErrInvalid, "not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edited := in
			tt.edit(&edited)
			err := f.s.Batch(calCtx, System("test"), func(tx *Tx) error {
				_, err := tx.ImportAppointment(calCtx, edited)
				return err
			})
			wantApptErr(t, err, tt.kind, tt.words)
		})
	}
	err := f.s.Batch(calCtx, f.raoUser.Actor(), func(tx *Tx) error {
		_, err := tx.ImportAppointment(calCtx, ImportedAppointment{PatientID: f.asha, DoctorID: f.rao,
			Start: f.at(2, 10, 0), End: f.at(2, 10, 30)})
		return err
	})
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("doctor importing: %v", err)
	}
}

func TestAppointmentReads(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	late := f.book(t, f.asha, f.rao, f.at(3, 16, 0))
	early := f.book(t, f.ravi, f.rao, f.at(3, 10, 15))
	mehta := f.book(t, f.asha, f.mehtaID, f.at(3, 11, 0))
	next := f.book(t, f.asha, f.rao, f.at(10, 9, 0))
	// History: yesterday (a Sunday, imported) and last Saturday 23:50, which must not
	// leak into Sunday's or Monday's clinic day.
	past := f.imported(t, ImportedAppointment{PatientID: f.asha, DoctorID: f.rao, Start: f.at(2, 10, 0), End: f.at(2, 10, 15),
		Status: AppointmentCompleted, FeeCents: 50000})
	f.imported(t, ImportedAppointment{PatientID: f.asha, DoctorID: f.mehtaID, Start: f.at(1, 23, 50), End: f.at(2, 0, 5),
		Status: AppointmentCompleted, FeeCents: 80000, PaymentStatus: PaymentPaid, PaymentMethod: PaymentCash, AmountPaidCents: 80000})

	ids := func(list []Appointment, err error) []int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		out := make([]int64, len(list))
		for i, a := range list {
			out[i] = a.ID
		}
		return out
	}
	entryIDs := func(list []BookEntry, err error) []int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		out := make([]int64, len(list))
		for i, e := range list {
			out[i] = e.ID
		}
		return out
	}
	same := func(name string, got []int64, want ...int64) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s = %v, want %v", name, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s = %v, want %v", name, got, want)
			}
		}
	}
	// The day view is ordered by doctor name ("Anil Rao" before "Dr. Meera Mehta"), then time.
	same("day view", entryIDs(f.s.DayView(calCtx, desk, f.at(3, 18, 0))), early, late, mehta)
	same("Sunday", entryIDs(f.s.DayView(calCtx, desk, f.day(2))), past)
	same("doctor day", ids(f.s.DoctorDay(calCtx, f.raoUser.Actor(), f.rao, f.day(3))), early, late)
	same("doctor week", entryIDs(f.s.DoctorWeek(calCtx, desk, f.rao, f.day(3))), early, late)
	same("doctor week from Sunday", entryIDs(f.s.DoctorWeek(calCtx, desk, f.rao, f.day(2))), past, early, late)
	same("upcoming", ids(f.s.PatientAppointments(calCtx, desk, f.asha, true, 0)), mehta, late, next)
	same("upcoming, first two", ids(f.s.PatientAppointments(calCtx, desk, f.asha, true, 2)), mehta, late)
	pastIDs := ids(f.s.PatientAppointments(calCtx, desk, f.asha, false, 10))
	if len(pastIDs) != 2 || pastIDs[0] != past {
		t.Fatalf("past = %v, want %d first", pastIDs, past)
	}
	// Asha owes for two visits today, next week's and yesterday's, not the paid one;
	// a cancelled visit owes nothing.
	if err := f.s.Cancel(calCtx, desk, next, "Travelling"); err != nil {
		t.Fatal(err)
	}
	same("payments due", ids(f.s.PaymentsDue(calCtx, desk, f.asha)), past, mehta, late)
	// A cancelled visit is no longer upcoming: it is listed with the past ones.
	same("upcoming after a cancellation", ids(f.s.PatientAppointments(calCtx, desk, f.asha, true, 0)), mehta, late)
	if got := ids(f.s.PatientAppointments(calCtx, desk, f.asha, false, 10)); len(got) != 3 || !slices.Contains(got, next) {
		t.Fatalf("past after a cancellation = %v, want it to hold %d", got, next)
	}
	same("all payments due", ids(f.s.PaymentsDue(calCtx, desk, 0)), past, early, mehta, late)

	// The waiting room: by doctor, then the longest wait first.
	for _, step := range []struct {
		id    int64
		after time.Duration
	}{{late, 0}, {mehta, time.Minute}, {early, time.Minute}} {
		f.clock.advance(step.after)
		if err := f.s.CheckIn(calCtx, desk, step.id); err != nil {
			t.Fatal(err)
		}
	}
	room, err := f.s.WaitingRoom(calCtx, desk)
	same("waiting room", ids(room, err), late, early, mehta)
	if wait := f.clock.t.Sub(room[0].CheckedInAt); wait != 2*time.Minute {
		t.Fatalf("longest wait %v, want 2m", wait)
	}

	// A patient reads only their own appointments; the pharmacist none.
	ashaUser := mustUser(t, f.s, RolePatient, "asha@mail.test", "Asha Patel")
	if err := f.s.Batch(calCtx, System("test"), func(tx *Tx) error {
		_, err := tx.exec(calCtx, `UPDATE patients SET user_id = ? WHERE id = ?`, ashaUser.ID, f.asha)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.PatientAppointments(calCtx, ashaUser.Actor(), f.asha, true, 5); err != nil {
		t.Fatalf("patient's own: %v", err)
	}
	if _, err := f.s.PatientAppointments(calCtx, ashaUser.Actor(), f.ravi, true, 5); !errors.Is(err, ErrForbidden) {
		t.Fatalf("another patient's: %v", err)
	}
	pharm := mustUser(t, f.s, RolePharmacist, "ph@clinic.test", "Pia Pharm")
	if _, err := f.s.DayView(calCtx, pharm.Actor(), f.day(3)); !errors.Is(err, ErrForbidden) {
		t.Fatalf("pharmacist reading the book: %v", err)
	}
	if _, err := f.s.Appointment(calCtx, desk, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing appointment: %v", err)
	}
}

// A visit finished before its booked time is past for the desk and for the patient:
// "upcoming" never lists a completed, cancelled or missed visit.
func TestAVisitCompletedEarlyIsNotUpcoming(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk, doctor := f.desk.Actor(), f.raoUser.Actor()
	id := f.book(t, f.asha, f.rao, f.at(3, 16, 30))
	for _, step := range []error{f.s.CheckIn(calCtx, desk, id), f.s.StartConsultation(calCtx, doctor, id),
		f.s.Complete(calCtx, doctor, id)} {
		if step != nil {
			t.Fatal(step)
		}
	}
	up, err := f.s.PatientAppointments(calCtx, desk, f.asha, true, 0)
	if err != nil || len(up) != 0 {
		t.Fatalf("upcoming = %v, %v; want none", up, err)
	}
	past, err := f.s.PatientAppointments(calCtx, desk, f.asha, false, 0)
	if err != nil || len(past) != 1 || past[0].ID != id {
		t.Fatalf("past = %v, %v; want the completed visit", past, err)
	}
}
