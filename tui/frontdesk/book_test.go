package frontdesk_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func TestDayGridShowsEachDoctorsAppointments(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	c.book(t, c.asha, c.rao, c.at(3, 10, 30), "fever")
	c.book(t, c.ravi, c.mehta, c.at(3, 11, 0), "chest pain")
	p := start(t, c, frontdesk.NewBook(c.common(t, c.desk)), 80, 20)
	screen := p.WaitFor("Monday 3 March 2025 (today)", "Dr. Anil Rao", "Dr. Meera Mehta", "Asha Patel", "Ravi Kumar")
	for _, want := range []string{"○ Asha Patel · fever", "○ Ravi Kumar", "chest pain", "10:00 free"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the grid does not show %q:\n%s", want, screen)
		}
	}
}

// onBook starts the book at 80×24 with appointments already booked and waits for them.
func onBook(t *testing.T, c *clinic, waitFor ...string) *tuitest.Program {
	t.Helper()
	p := start(t, c, frontdesk.NewBook(c.common(t, c.desk)), 80, 24)
	p.WaitFor(append([]string{"Dr. Anil Rao"}, waitFor...)...)
	return p
}

func TestCheckInFromTheGridJoinsTheWaitingRoom(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	id := c.book(t, c.asha, c.rao, c.at(3, 10, 30), "fever")
	p := onBook(t, c, "Asha Patel")
	p.Type("jj") // the cursor starts at the current time, 10:00
	p.WaitFor("APT000001 10:30–10:45 Asha Patel")
	p.Type("i")
	p.WaitFor("Asha Patel checked in for Dr. Anil Rao.", "1 waiting")
	if a := c.appointment(t, id); a.Status != store.AppointmentCheckedIn {
		t.Fatalf("stored status %s", a.Status)
	}
	// The doctor's side of the store sees the check-in.
	waiting, err := c.s.WaitingRoom(ctx, c.raoUser.Actor())
	if err != nil || len(waiting) != 1 || waiting[0].ID != id {
		t.Fatalf("the doctor's waiting room: %+v %v", waiting, err)
	}
	// The waiting room, full size on a narrow terminal, shows the wait.
	c.clock.Advance(12 * time.Minute)
	p.Type("W")
	p.WaitFor("Waiting room (1)", "Dr. Anil Rao", "Asha Patel", "12 min")
	p.Key("esc")
	// The doctor starts the consultation: the book shows it live.
	if err := c.s.StartConsultation(ctx, c.raoUser.Actor(), id); err != nil {
		t.Fatal(err)
	}
	p.WaitFor("in consultation", "0 waiting")
}

func TestPaymentRecordsTheFeeAndPrintsTheReceipt(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	id := c.book(t, c.asha, c.rao, c.at(3, 10, 15), "fever")
	p := onBook(t, c, "Asha Patel")
	p.Type("j") // the cursor starts at the current time, 10:00
	p.WaitFor("APT000001 10:15–10:30")
	p.Type("$")
	p.WaitFor("Payment for APT000001", "INR 500.00", "┃ Fee")
	p.Key("enter") // paid
	p.WaitFor("┃ Method")
	p.Key("down") // card
	p.Key("enter")
	p.WaitFor("┃ Amount paid")
	p.Key("ctrl+u")
	p.Type("600")
	p.Key("enter")
	// More than the fee: refused in plain words, the form kept as typed.
	p.WaitFor("The amount is more than the fee of INR 500.00.", "600")
	p.Key("enter")
	p.Key("enter")
	p.WaitFor("┃ Amount paid")
	p.Key("ctrl+u")
	p.Type("450")
	p.Key("enter")
	p.WaitFor("RECEIPT", "Sunrise Clinic", "Paid         INR 450.00", "Discount     INR 50.00", "Method       card")
	a := c.appointment(t, id)
	if a.PaymentStatus != store.PaymentPaid || a.AmountPaidCents != 45000 || a.PaymentMethod != store.PaymentCard {
		t.Fatalf("stored %+v", a)
	}
	// p prints where the clinic prints, with no path asked for: here the print directory.
	p.WaitFor("Not printed yet.")
	p.Type("p")
	screen := p.WaitFor("Saved as clinic.db.prints/receipt-APT000001-", "Paid         INR 450.00")
	files, err := filepath.Glob(filepath.Join(c.s.PrintDir(), "receipt-APT000001-*.txt"))
	if err != nil || len(files) != 1 || !strings.Contains(screen, filepath.Base(files[0])) {
		t.Fatalf("printed %v, %v; screen:\n%s", files, err, screen)
	}
	text, err := os.ReadFile(files[0])
	if err != nil || !strings.Contains(string(text), "Paid         INR 450.00") {
		t.Fatalf("printed receipt: %q %v", text, err)
	}
	if info, err := os.Stat(files[0]); err != nil {
		t.Fatal(err)
	} else if info.Mode().Perm() != 0o600 {
		t.Fatalf("the printed receipt is %v, want 0600", info.Mode().Perm())
	}
	p.Key("esc")
	p.WaitFor("APT000001 paid.", "Dr. Meera Mehta")
}

// The form is saved once: an enter typed ahead of the save's answer (or the cursor's
// blink on a busy machine) reached the completed form and recorded the payment again,
// so the desk said "APT000001 is already paid." after paying (the race run showed it).
func TestAPaymentIsSavedOnceWhateverArrivesWhileItSaves(t *testing.T) {
	t.Parallel()
	_, p, _ := toAmountPaid(t)
	enter := tea.KeyMsg{Type: tea.KeyEnter}
	p.SendTogether(enter, enter, enter)
	p.WaitFor("RECEIPT", "Paid         INR 500.00")
	// Printing is a write behind the save's: its answer comes after any second save's.
	p.Type("p")
	p.WaitFor("Saved as clinic.db.prints/receipt-APT000001-")
	p.Key("esc")
	screen := p.WaitFor("APT000001 paid.")
	if strings.Contains(screen, "already") {
		t.Fatalf("the payment was submitted twice:\n%s", screen)
	}
}

// toAmountPaid books Asha with Dr. Rao at 10:15 and opens the visit's payment form at
// its amount, paid in cash.
func toAmountPaid(t *testing.T) (*clinic, *tuitest.Program, int64) {
	t.Helper()
	c := newClinic(t)
	id := c.book(t, c.asha, c.rao, c.at(3, 10, 15), "fever")
	p := onBook(t, c, "Asha Patel")
	p.Type("j")
	p.WaitFor("APT000001 10:15–10:30")
	p.Type("$")
	p.WaitFor("Payment for APT000001", "┃ Fee")
	p.Key("enter")
	p.WaitFor("┃ Method")
	p.Key("enter")
	p.WaitFor("┃ Amount paid")
	return c, p, id
}

func TestBookingIntoATakenSlotShowsTheClashAndKeepsTheForm(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := onBook(t, c)
	p.Type("b")
	p.WaitFor("Book an appointment", "Patient:")
	p.Type("ravi")
	p.WaitFor("Ravi Kumar")
	p.Key("enter")
	p.WaitFor("Choose the doctor", "› Dr. Anil Rao")
	p.Key("enter")
	p.WaitFor("› Mon 3 Mar 10:15–10:30")
	p.Key("enter")
	p.WaitFor("Reason:")
	p.Type("follow-up of BP")
	// Meanwhile another desk takes the slot.
	c.book(t, c.asha, c.rao, c.at(3, 10, 15), "")
	p.Key("enter")
	p.WaitFor("Dr. Anil Rao already has an appointment 10:15–10:30 on 3 March.", "follow-up of BP", "Ravi Kumar")
	if list, _ := c.s.PatientAppointments(ctx, c.desk.Actor(), c.ravi.ID, true, 10); len(list) != 0 {
		t.Fatalf("a clashing visit was stored: %+v", list)
	}
	// Back to the slots, which no longer offer the taken time (they were listed again
	// live); the reason is kept.
	p.Key("esc")
	screen := p.WaitFor("Next free slots", "› Mon 3 Mar 10:30–10:45")
	if strings.Contains(screen, "10:15–10:30") {
		t.Fatalf("the taken slot is still offered:\n%s", screen)
	}
	p.Key("enter")
	p.WaitFor("Reason: follow-up of BP")
	p.Key("enter")
	p.WaitFor("Booked Ravi Kumar with Dr. Anil Rao at Mon 3 Mar 10:30.")
}

func TestCancelNeedsAReasonAndRescheduleMoves(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	id := c.book(t, c.asha, c.rao, c.at(3, 10, 15), "fever")
	other := c.book(t, c.ravi, c.mehta, c.at(3, 11, 0), "")
	p := onBook(t, c, "Asha Patel")
	p.Type("j")
	p.WaitFor("APT000001 10:15–10:30")
	p.Type("x")
	p.WaitFor("Cancel APT000001 — reason:")
	p.Key("enter")
	p.WaitFor("Give a reason for cancelling.")
	p.Type("patient called")
	p.Key("enter")
	p.WaitFor("APT000001 cancelled.")
	if a := c.appointment(t, id); a.Status != store.AppointmentCancelled || a.CancelReason != "patient called" {
		t.Fatalf("stored %+v", a)
	}
	p.Type("l")
	p.WaitFor("free · enter or b: book here")
	p.Type("jjj")
	p.WaitFor("APT000002 11:00–11:20 Ravi Kumar")
	p.Type("r")
	p.WaitFor("Reschedule APT000002", "› Mon 3 Mar 10:20–10:40")
	p.Key("down")
	p.Key("enter")
	p.WaitFor("Moved APT000002 to Mon 3 Mar 10:40 with Dr. Meera Mehta.")
	if a := c.appointment(t, other); !a.Start.Equal(c.at(3, 10, 40)) {
		t.Fatalf("stored start %s", a.Start)
	}
}

func TestFollowUpSeriesListsCollisionsToPlaceByHand(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	c.book(t, c.asha, c.rao, c.at(3, 10, 15), "diabetes review")
	// Leave on the second follow-up's day: that visit cannot be booked.
	if _, err := c.s.AddLeave(ctx, c.desk.Actor(), c.rao, c.at(17, 0, 0), c.at(17, 0, 0), "course"); err != nil {
		t.Fatal(err)
	}
	p := onBook(t, c, "Asha Patel")
	p.Type("j")
	p.WaitFor("APT000001 10:15–10:30")
	p.Type("f")
	p.WaitFor("Follow-up visits after APT000001", "┃ Every")
	p.Key("enter")
	p.WaitFor("┃ Visits")
	p.Key("ctrl+u")
	p.Type("3")
	p.Key("enter")
	p.WaitFor("Booked 2 visits.", "1 could not be booked", "Mon 17 Mar 10:15 — Dr. Anil Rao is on leave 17 March.")
	p.Key("enter")
	p.WaitFor("Place a follow-up visit", "› Tue 18 Mar 09:00")
	p.Key("enter")
	p.WaitFor("Follow-up booked Tue 18 Mar 09:00 with Dr. Anil Rao.")
	list, err := c.s.PatientAppointments(ctx, c.desk.Actor(), c.asha.ID, true, 10)
	if err != nil || len(list) != 4 {
		t.Fatalf("stored %d visits: %v", len(list), err)
	}
	for _, a := range list {
		if a.Reason != "diabetes review" || a.DoctorID != c.rao {
			t.Errorf("visit %+v", a)
		}
	}
}

func TestWeekViewAndGoToDate(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	c.book(t, c.asha, c.rao, c.at(5, 9, 0), "dressing")
	p := onBook(t, c)
	p.Type("w")
	p.WaitFor("Week of Monday 3 March 2025 · Dr. Anil Rao", "Wed 5 Mar", "Asha Patel")
	p.Type("w")
	p.WaitFor("Monday 3 March 2025 (today)", "Dr. Meera Mehta")
	p.Type("d")
	p.WaitFor("Go to date:")
	p.Type("2025-03-05")
	p.Key("enter")
	p.WaitFor("Wednesday 5 March 2025", "Asha Patel")
	p.Type("t")
	p.WaitFor("Monday 3 March 2025 (today)")
}

// The day's columns carry each doctor's own calendar, read for every doctor at once:
// Dr. Mehta's leave closes her column only, and a clinic holiday closes both.
func TestDayGridShowsEachDoctorsLeaveAndTheHoliday(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	if _, err := c.s.AddLeave(ctx, c.desk.Actor(), c.mehta, c.at(4, 0, 0), c.at(4, 0, 0), "Course"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.s.AddHoliday(ctx, c.desk.Actor(), c.at(6, 0, 0), "Holi"); err != nil {
		t.Fatal(err)
	}
	p := onBook(t, c, "Dr. Meera Mehta")
	goToDay := func(date string, waitFor ...string) string {
		p.Type("d")
		p.WaitFor("Go to date:")
		p.Type(date)
		p.Key("enter")
		return p.WaitFor(waitFor...)
	}
	screen := goToDay("2025-03-04", "Tuesday 4 March 2025", "on leave")
	lines := strings.Split(screen, "\n")
	mehtaColumn := -1
	for _, line := range lines {
		if i := strings.Index(line, "Dr. Meera Mehta"); i >= 0 {
			mehtaColumn = i
		}
	}
	for _, line := range lines {
		if i := strings.Index(line, "on leave"); i >= 0 && (mehtaColumn < 0 || i < mehtaColumn) {
			t.Fatalf("\"on leave\" outside Dr. Mehta's column (from %d):\n%s", mehtaColumn, screen)
		}
	}
	screen = goToDay("2025-03-06", "Thursday 6 March 2025", "closed: Holi")
	if strings.Contains(screen, "on leave") {
		t.Fatalf("Dr. Mehta's leave was the 4th only:\n%s", screen)
	}
}

// A clinic of fourteen doctors: the book reads the columns in and near view, counts
// every doctor's visits in its heading from the start, and reads the far columns as
// the cursor walks to them (keys arriving several at once, as a terminal sends them).
func TestTheBookReadsTheColumnsAsTheCursorReachesThem(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	for i := 1; i <= 12; i++ {
		u := c.User(store.NewUser{Email: fmt.Sprintf("nila%02d@clinic.test", i), FullName: fmt.Sprintf("Nila %02d", i),
			Role: store.RoleDoctor, Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: fmt.Sprintf("LIC-N%d", i)}})
		doctor := c.doctorID(t, u)
		c.block(t, store.ScheduleBlock{DoctorID: doctor, Weekday: time.Monday, Start: "09:00", End: "13:00", SlotMinutes: 15})
		p := c.Patient(c.desk.Actor(), store.PatientInput{FirstName: "Far", LastName: fmt.Sprintf("Patient%02d", i),
			DateOfBirth: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "other"})
		c.book(t, p, doctor, c.at(3, 10, 30), "")
	}
	p := onBook(t, c, "12 booked", "Dr. Meera Mehta", "Dr. Nila 01", "Far Patient01")
	p.Type(strings.Repeat("l", 13))
	screen := p.WaitFor("Dr. Nila 12", "Far Patient12")
	if !strings.Contains(screen, "12 booked") {
		t.Fatalf("the heading's count changed as columns were read:\n%s", screen)
	}
	// The visit under the cursor is the last doctor's, as the store holds it.
	p.Type(strings.Repeat("j", 2))
	p.WaitFor("APT000012 10:30–10:45", "(PAT000014) · Dr. Nila 12 · scheduled")
}

// A terminal made taller shows more of the day: its patients' names are read then,
// with no key pressed (on the frame's ResizedMsg; tuitest's host test proves the host
// sends it as the frame does).
func TestTheBookNamesWhatAResizeBringsIntoView(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	c.book(t, c.asha, c.rao, c.at(3, 11, 30), "fever")
	p := start(t, c, frontdesk.NewBook(c.common(t, c.desk)), 80, 8)
	p.WaitFor("Dr. Anil Rao", "1 booked", "10:00 free")
	if screen := p.Screen(); strings.Contains(screen, "11:30") {
		t.Fatalf("the short book already shows 11:30:\n%s", screen)
	}
	p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	p.WaitFor("○ Asha Patel · fever")
}

// Another process on the same file (the SSH server, a second desk) checks a patient
// in: the book shows it without a key, through the store's cross-process event.
func TestBookFollowsAnotherProcess(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	id := c.book(t, c.asha, c.rao, c.at(3, 10, 30), "fever")
	p := onBook(t, c, "Asha Patel")
	p.WaitFor("0 waiting")
	other, err := store.Open(ctx, c.s.Path(), store.WithBcryptCost(bcrypt.MinCost), store.WithClock(c.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.CheckIn(ctx, c.desk.Actor(), id); err != nil {
		t.Fatal(err)
	}
	p.WaitFor("1 waiting")
}

// A visit booked into Dr. Rao's taken time, on purpose, is marked on the visit it shares
// the time with; the schema and the store took it only for its stated reason.
func TestTheGridMarksAnOverbookedTime(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	c.book(t, c.asha, c.rao, c.at(3, 10, 30), "fever")
	if _, err := c.S.Book(t.Context(), c.desk.Actor(), store.BookingInput{PatientID: c.ravi.ID, DoctorID: c.rao,
		Start: c.at(3, 10, 30), OverbookReason: "Urgent: cannot wait until tomorrow"}); err != nil {
		t.Fatal(err)
	}
	p := onBook(t, c, "Asha Patel")
	p.WaitFor("+1 overbooked · Asha Patel")
}

// The amount opens empty with the fee as its placeholder, so digits typed are the
// amount (a prefilled "500.00" took them after it: "500.00450"); left empty it is the
// whole fee.
func TestPaymentAmountOpensEmptyAndEmptyIsTheWholeFee(t *testing.T) {
	t.Parallel()
	c, p, id := toAmountPaid(t)
	p.WaitFor("> 500.00") // the placeholder
	p.Type("450")
	p.Key("enter")
	p.WaitFor("RECEIPT", "Paid         INR 450.00", "Method       cash")
	if a := c.appointment(t, id); a.PaymentStatus != store.PaymentPaid || a.AmountPaidCents != 45000 {
		t.Fatalf("stored %+v", a)
	}

	other := c.book(t, c.asha, c.rao, c.at(3, 11, 15), "")
	p.Key("esc")
	p.Type("jjjj")
	p.WaitFor("APT000002 11:15–11:30")
	p.Type("$")
	p.WaitFor("Payment for APT000002", "┃ Fee")
	p.Key("enter")
	p.Key("enter")
	p.WaitFor("┃ Amount paid")
	p.Key("enter")
	p.WaitFor("RECEIPT", "Paid         INR 500.00")
	if a := c.appointment(t, other); a.AmountPaidCents != 50000 {
		t.Fatalf("stored %+v", a)
	}
}
