package tui

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// The admin sets up e-mail and SMS on the Settings tab (the password typed, never
// shown back), then works the Outbox: cancels a pending message, sees why one failed
// and queues it again, on the Settings tab's outbox (o).
func TestAdminSetsUpMessagesAndWorksTheOutbox(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	desk := addUser(t, s, store.RoleReceptionist, "dee@clinic.test", "Dee Desk")
	pt, err := s.AddPatient(ctx, desk.Actor(), store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female", Email: "asha@patient.example",
		Consent: &store.ContactConsent{Email: true}})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO notifications(role, channel, kind, title, body, patient_id, delivery, attempts,
		delivery_note, address) VALUES
		('patient', 'email', 'appointment_reminder', 'Reminder: your appointment on Thu 3 Dec at 10:00', 'See you.', ?1, 'pending', 0, '', 'asha@patient.example'),
		('patient', 'email', 'prescription_ready', 'Your prescription RX000001 is ready', 'Collect it.', ?1, 'failed', 1,
		 'The mail server refused the message (550): No such user here', 'asha@patient.example')`, pt.ID); err != nil {
		t.Fatal(err)
	}

	p := startDesk(t, s, 80, 24)
	logIn(p, "grace@clinic.test")
	p.WaitFor("1 Users", "2 Settings")
	p.Type("2")
	p.WaitFor("E-mail", "not set up")
	p.Type("m")
	p.WaitFor("┃ SMTP server")
	p.Fill("smtp.example.com", "SMTP port")
	p.Fill("", "SMTP security")
	p.Key("enter")
	p.WaitFor("┃ SMTP user")
	p.Fill("desk", "SMTP password")
	p.Fill("s3cret-smtp-pass", "Sender address")
	p.Type("not an address")
	p.Key("enter")
	p.WaitFor("┃ SMS gateway")
	p.Fill("", "SMS body")
	p.Fill("", "Reminder hours")
	p.Key("ctrl+u")
	p.Type("48")
	p.Key("enter")
	p.WaitFor("Sender address must be an e-mail address")
	set, _ := s.Settings(ctx)
	if set.Outbox.SMTPHost != "smtp.example.com" {
		t.Fatalf("the settings before the refusal were not kept: %+v", set.Outbox)
	}
	p.WaitFor("┃ SMTP server") // the form again, as typed
	for _, next := range []string{"SMTP port", "SMTP security", "SMTP user", "SMTP password", "Sender address"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Key("ctrl+u")
	p.Type("desk@clinic.example")
	p.Key("enter")
	for _, next := range []string{"SMS gateway", "SMS body", "Reminder hours"} {
		p.WaitFor("┃ " + next)
		if next != "Reminder hours" {
			p.Key("enter")
		}
	}
	p.Key("enter")
	p.WaitFor("Settings saved.", "from desk@clinic.example via smtp.example.com:587", "password stored", "48 hours before")
	set, _ = s.Settings(ctx)
	if o := set.Outbox; o.SMTPUser != "desk" || !o.SMTPPasswordSet || o.ReminderHours != 48 || o.SMTPTLS != store.SMTPStartTLS {
		t.Fatalf("outbox settings: %+v", o)
	}
	if pass, _ := s.SMTPPassword(ctx, store.System("test")); pass != "s3cret-smtp-pass" {
		t.Fatalf("stored password %q", pass)
	}

	p.Type("o")
	p.WaitFor("pending 1", "failed 1", "Asha Patel", "Reminder: your appointment", "To ", "asha@patient.example")
	p.Type("x")
	p.WaitFor("Cancel this message? y: yes")
	p.Type("y")
	p.WaitFor("Message cancelled.", "pending 0", "cancelled 1")
	p.Key("right")
	p.WaitFor("Your prescription RX000001", "No such user here")
	p.Type("r")
	p.WaitFor("Queued again", "pending 1", "failed 0")
	if list, _ := s.Outbox(ctx, store.System("test"), store.DeliveryPending, 10); len(list) != 1 ||
		list[0].Kind != store.KindPrescriptionReady || list[0].Attempts != 0 {
		t.Fatalf("pending after the retry: %+v", list)
	}
	// / narrows a state's messages as typed; esc clears the filter, then leaves.
	p.Key("left")
	p.Key("left")
	p.WaitFor("cancelled 1", "Reminder: your appointment")
	p.Type("/")
	p.Type("rx0")
	p.WaitFor("/ rx0", "No cancelled message matches the filter.")
	p.Key("ctrl+u")
	p.Type("remind")
	p.WaitFor("/ remind", "1 of 1", "Reminder: your appointment")
	p.Key("enter")
	p.Type("r") // the list's key again: the reminder is queued again
	p.WaitFor("Queued again", "pending 2")
	p.Key("esc")
	p.WaitUntil("the filter cleared", func(s string) bool { return !strings.Contains(s, "/ remind") })
	p.Key("esc")
	p.WaitFor("E-mail", "from desk@clinic.example")
}
