package frontdesk_test

import (
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// keyCounter sends keys to a program and counts them.
type keyCounter struct {
	p *tuitest.Program
	n int
}

func (k *keyCounter) press(name string) {
	k.n++
	if len(name) == 1 {
		k.p.Type(name)
		return
	}
	k.p.Key(name)
}

func TestBookingAnExistingPatientTakesAtMostTenKeys(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Ravi Kumar", "Asha Patel")
	keys := &keyCounter{p: p}
	keys.press("/")
	p.Type("asha") // the search text is not counted
	p.WaitFor("asha", "1 found")
	keys.press("enter")
	p.WaitFor("Asha Patel", "Upcoming", "Payments due")
	keys.press("b")
	p.WaitFor("Choose the doctor", "› Dr. Anil Rao")
	keys.press("enter")
	p.WaitFor("Next free slots", "› Mon 3 Mar 10:15–10:30")
	keys.press("enter")
	p.WaitFor("Reason:", "INR 500.00")
	keys.press("enter")
	p.WaitFor("Booked Asha Patel with Dr. Anil Rao at Mon 3 Mar 10:15.")
	if keys.n > 10 {
		t.Errorf("booking took %d keys after the search text; at most 10 allowed", keys.n)
	}
	t.Logf("booking took %d keys after the search text", keys.n)
	list, err := c.s.PatientAppointments(ctx, c.desk.Actor(), c.asha.ID, true, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("stored: %+v %v", list, err)
	}
	a := list[0]
	if a.DoctorID != c.rao || !a.Start.Equal(c.at(3, 10, 15)) || a.FeeCents != 50000 {
		t.Errorf("booked %+v", a)
	}
	// The patient's page shows the new visit.
	p.WaitFor("Upcoming", a.Code)
}

func TestRegistryShowsTheRefusedFieldAndKeepsTheInput(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Asha Patel")
	p.Type("a")
	p.WaitFor("Register a patient", "┃ First name")
	p.Fill("Meena", "Last name")
	p.Fill("Iyer", "Date of birth")
	p.Type("2099-01-01")
	p.Key("enter")
	p.WaitFor("┃ Sex")
	p.Key("enter")
	p.WaitFor("┃ Phone")
	p.Fill("12ab", "Email")
	p.Fill("meena@example", "Address")
	p.Fill("4 Lake Road", "Agrees to reminders by e-mail")
	p.Key("enter")
	p.WaitFor("┃ Agrees to reminders by SMS")
	p.Key("enter")
	p.WaitFor("┃ Emergency contact")
	p.Fill("", "Emergency contact phone")
	p.Fill("", "Blood group")
	p.Key("enter")
	// The store refuses the date of birth first, names it, and keeps every value typed.
	p.WaitFor("Date of birth cannot be in the future.", "┃ Date of birth", "2099-01-01", "Meena", "Iyer")
	p.Key("ctrl+u")
	p.Type("1992-07-14")
	p.Key("enter")
	p.WaitFor("┃ Sex")
	p.Key("enter")
	p.WaitFor("┃ Phone", "12ab")
	p.Key("enter")
	p.WaitFor("┃ Email", "meena@example")
	for _, next := range []string{"Address", "Agrees to reminders by e-mail", "Agrees to reminders by SMS",
		"Emergency contact", "Emergency contact phone", "Blood group"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Key("enter")
	p.WaitFor("Phone may contain only digits, spaces, +, -, ( and ).", "┃ Phone", "12ab")
	if list, _ := c.s.SearchPatients(ctx, c.desk.Actor(), "meena", 10); len(list) != 0 {
		t.Fatalf("a refused patient was stored: %+v", list)
	}
	p.Key("ctrl+u")
	p.Fill("+91 99887 76655", "Email")
	for _, next := range []string{"Address", "Agrees to reminders by e-mail", "Agrees to reminders by SMS",
		"Emergency contact", "Emergency contact phone", "Blood group"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Key("enter")
	p.WaitFor("Email must look like name@example.com.", "┃ Email", "meena@example")
	p.Key("ctrl+u")
	p.Type("meena@example.com")
	for _, next := range []string{"Address", "Agrees to reminders by e-mail", "Agrees to reminders by SMS",
		"Emergency contact", "Emergency contact phone", "Blood group"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Key("enter")
	p.WaitFor("Registered Meena Iyer as PAT")
	list, err := c.s.SearchPatients(ctx, c.desk.Actor(), "meena", 10)
	if err != nil || len(list) != 1 || list[0].Phone != "+91 99887 76655" || list[0].Address != "4 Lake Road" ||
		!list[0].DateOfBirth.Equal(time.Date(1992, 7, 14, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("stored %+v %v", list, err)
	}
}

func TestRegisteringADuplicateWarnsAndOpensTheExistingRecord(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Asha Patel")
	p.Type("a")
	p.WaitFor("┃ First name")
	p.Fill("asha", "Last name")
	p.Fill("PATEL", "Date of birth")
	p.Fill("1990-01-01", "Sex")
	p.Key("enter")
	p.WaitFor("┃ Phone")
	for _, next := range []string{"Email", "Address", "Agrees to reminders by e-mail", "Agrees to reminders by SMS",
		"Emergency contact", "Emergency contact phone", "Blood group"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Key("enter")
	p.WaitFor("Possible duplicate", c.asha.Code, "Asha Patel", "enter: open "+c.asha.Code)
	p.Key("enter")
	p.WaitFor(c.asha.Code, "Upcoming", "+91 98765 43210")
	if list, _ := c.s.SearchPatients(ctx, c.desk.Actor(), "patel", 10); len(list) != 1 {
		t.Fatalf("the duplicate was stored: %+v", list)
	}
}

func TestSamePhoneIsAPossibleDuplicateThatCanBeSavedAnyway(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Asha Patel")
	p.Type("a")
	p.WaitFor("┃ First name")
	p.Fill("Kiran", "Last name")
	p.Fill("Patel", "Date of birth")
	p.Fill("2015-05-05", "Sex")
	p.Key("enter")
	p.WaitFor("┃ Phone")
	p.Fill("+91-9876543210", "Email")
	p.Key("enter")
	p.WaitFor("┃ Address")
	p.Key("enter")
	p.WaitFor("┃ Agrees to reminders by e-mail")
	p.Type("n")
	p.WaitFor("┃ Agrees to reminders by SMS")
	p.Type("y") // agrees to SMS: the consent is recorded with the patient
	p.WaitFor("┃ Emergency contact")
	for _, next := range []string{"Emergency contact phone", "Blood group"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Key("enter")
	p.WaitFor("Possible duplicate", c.asha.Code)
	p.Type("s")
	p.WaitFor("Registered Kiran Patel", "By SMS      yes, recorded ", "By e-mail   no, recorded ", "by "+c.desk.FullName)
	if list, _ := c.s.SearchPatients(ctx, c.desk.Actor(), "kiran", 10); len(list) != 1 {
		t.Fatalf("not stored: %+v", list)
	}
}

func TestSearchAsYouTypeFindsByPhoneAndCode(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Asha Patel")
	p.Type("/")
	p.Type("91234")
	screen := p.WaitFor("1 found", "Ravi Kumar")
	if strings.Contains(screen, "Asha Patel") {
		t.Errorf("the phone search also lists Asha:\n%s", screen)
	}
	p.Key("esc")
	p.WaitFor("newest first")
	p.Type("/")
	p.Type(strings.ToLower(c.asha.Code))
	p.WaitFor("1 found", "Asha Patel")
}

// The page's "Booked …" note lasts while it is true: once another desk moves that
// visit, the note goes; Upcoming lists only visits still to come, the nearest three and
// how many more.
func TestPatientPageBookedNoteGoesWhenTheVisitMovesAndUpcomingCountsTheRest(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	for day := 4; day <= 7; day++ {
		c.book(t, c.asha, c.rao, c.at(day, 9, 0), "")
	}
	cancelled := c.book(t, c.asha, c.rao, c.at(3, 12, 0), "")
	if err := c.s.Cancel(ctx, c.desk.Actor(), cancelled, "Travelling"); err != nil {
		t.Fatal(err)
	}
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Asha Patel")
	p.Type("/")
	p.Type("asha")
	p.WaitFor("1 found")
	p.Key("enter")
	screen := p.WaitFor("Upcoming", "+1 more")
	upcoming := screen[strings.Index(screen, "Upcoming"):strings.Index(screen, "Past")]
	if strings.Contains(upcoming, c.appointment(t, cancelled).Code) {
		t.Fatalf("a cancelled visit is listed as upcoming:\n%s", screen)
	}
	p.Type("b")
	p.WaitFor("Choose the doctor", "› Dr. Anil Rao")
	p.Key("enter")
	p.WaitFor("Next free slots", "› Mon 3 Mar 10:15–10:30")
	p.Key("enter")
	p.WaitFor("Reason:")
	p.Key("enter")
	p.WaitFor("Booked Asha Patel with Dr. Anil Rao at Mon 3 Mar 10:15.", "+2 more")
	list, err := c.s.PatientAppointments(ctx, c.desk.Actor(), c.asha.ID, true, 10)
	if err != nil || len(list) != 5 || !list[0].Start.Equal(c.at(3, 10, 15)) {
		t.Fatalf("stored: %+v %v", list, err)
	}
	if err := c.s.Reschedule(ctx, c.desk.Actor(), list[0].ID, c.at(3, 11, 0)); err != nil {
		t.Fatal(err)
	}
	p.WaitUntil("the note gone once the visit moved", func(s string) bool {
		return strings.Contains(s, "Mon 3 Mar 11:00") && !strings.Contains(s, "Booked Asha")
	})
}
