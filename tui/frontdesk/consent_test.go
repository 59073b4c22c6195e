package frontdesk_test

import (
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
)

// TestPatientPageRecordsAndChangesConsent: the front desk records consent on the
// patient's form; the page shows each channel's answer with its date (the clinic's time)
// and who recorded it; a later change of one channel moves only that channel's date, and
// each change is a row of its own in the store.
func TestPatientPageRecordsAndChangesConsent(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Asha Patel")
	p.Type("/")
	p.Type("asha")
	p.WaitFor("1 found")
	p.Key("enter")
	p.WaitFor("By e-mail   no consent recorded", "By SMS      no consent recorded")
	edit := func(email, sms string) {
		t.Helper()
		p.Type("e")
		p.WaitFor("┃ First name")
		for _, next := range []string{"Last name", "Date of birth", "Sex", "Phone", "Email", "Address",
			"Agrees to reminders by e-mail"} {
			p.Key("enter")
			p.WaitFor("┃ " + next)
		}
		p.Type(email)
		p.WaitFor("┃ Agrees to reminders by SMS")
		p.Type(sms)
		p.WaitFor("┃ Emergency contact")
		for _, next := range []string{"Emergency contact phone", "Blood group"} {
			p.Key("enter")
			p.WaitFor("┃ " + next)
		}
		p.Key("enter")
	}
	edit("y", "y")
	p.WaitFor("Saved Asha Patel", "By e-mail   yes, recorded 3 Mar 2025 10:02 by Dee Desk",
		"By SMS      yes, recorded 3 Mar 2025 10:02 by Dee Desk")
	c.clock.Advance(24*time.Hour + 3*time.Hour)
	edit("y", "n")
	p.WaitFor("By e-mail   yes, recorded 3 Mar 2025 10:02 by Dee Desk",
		"By SMS      no, recorded 4 Mar 2025 13:02 by Dee Desk")
	pt, err := c.s.Patient(ctx, c.desk.Actor(), c.asha.ID)
	if err != nil || !pt.EmailConsent.Granted || pt.SMSConsent.Granted || pt.SMSConsent.RecordedBy != "Dee Desk" {
		t.Fatalf("the stored consent: %+v %+v (%v)", pt.EmailConsent, pt.SMSConsent, err)
	}
	doc, err := c.s.ExportPatient(ctx, store.System("test"), store.ExportRequest{PatientID: c.asha.ID, Format: store.ExportJSON, Where: "a test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range doc.Sections {
		if sec.Key == "consents" && len(sec.Records) != 3 {
			t.Fatalf("consent rows: %d, want 3 (e-mail yes, SMS yes, then SMS no)", len(sec.Records))
		}
	}
}
