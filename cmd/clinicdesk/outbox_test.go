package main

import (
	"context"
	"io"
	"log"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/outbox/smtptest"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// The server's sender takes a reminder from the book to a real SMTP server: accepted
// mail shows as sent, a refused recipient as failed with the server's reason, and the
// SMS with no gateway set up waits with the reason.
func TestSenderDeliversRemindersOverSMTP(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	monday := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, monday)
	srv := smtptest.Start(t, smtptest.Options{Refuse: []string{"gone@patient.example"}})
	c.Settings(map[string]string{store.SettingClinicName: "Riverside Clinic", store.SettingSMTPHost: srv.Host,
		store.SettingSMTPPort: strconv.Itoa(srv.Port), store.SettingSMTPFrom: "desk@riverside.example"})
	desk := c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist}).Actor()
	doc := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{LicenceNumber: "L-1"}})
	c.Block(desk, store.ScheduleBlock{DoctorID: c.DoctorID(doc), Weekday: time.Monday, Start: "09:00", End: "13:00", SlotMinutes: 30})
	consent := &store.ContactConsent{Email: true, SMS: true}
	for i, email := range []string{"asha@patient.example", "gone@patient.example"} {
		p := c.Patient(desk, store.PatientInput{FirstName: "Pat", LastName: []string{"One", "Two"}[i],
			DateOfBirth: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female", Email: email, Phone: "+44 20 7946 0000",
			Consent: consent})
		c.Book(desk, store.BookingInput{PatientID: p.ID, DoctorID: c.DoctorID(doc), Start: monday.Add(time.Duration(2+i) * time.Hour)})
	}
	snd := sender{s: c.S, log: log.New(io.Discard, "", 0), tls: srv.ClientTLS, timeout: 5 * time.Second}
	snd.round(ctx)

	got := <-srv.Received
	if got.To[0] != "asha@patient.example" || !strings.Contains(got.Data, "Reminder: your appointment on Mon 2 Mar at 10:00") ||
		!strings.Contains(got.Data, "Riverside Clinic") {
		t.Fatalf("the SMTP server received %+v", got)
	}
	byState := map[store.Delivery][]store.OutboxMessage{}
	for _, d := range store.Deliveries {
		list, err := c.S.Outbox(ctx, tuitest.System, d, 10)
		if err != nil {
			t.Fatal(err)
		}
		byState[d] = list
	}
	if s := byState[store.DeliverySent]; len(s) != 1 || s[0].Address != "asha@patient.example" {
		t.Fatalf("sent: %+v", s)
	}
	if f := byState[store.DeliveryFailed]; len(f) != 1 || f[0].Address != "gone@patient.example" ||
		!strings.Contains(f[0].Note, "refused the message (550)") || !strings.Contains(f[0].Note, "No such user here") {
		t.Fatalf("failed: %+v", f)
	}
	if p := byState[store.DeliveryPending]; len(p) != 2 || p[0].Channel != store.ChannelSMS ||
		!strings.Contains(p[0].Note, "SMS is not set up") {
		t.Fatalf("pending: %+v", p)
	}
}
