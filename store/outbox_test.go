package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// consent records the patient's consent as the front desk's form does.
func (f *apptFixture) consent(t *testing.T, patient int64, email, phone string, c ContactConsent) {
	t.Helper()
	p, err := f.s.Patient(calCtx, f.desk.Actor(), patient)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.UpdatePatient(calCtx, f.desk.Actor(), patient, PatientInput{FirstName: p.FirstName,
		LastName: p.LastName, DateOfBirth: p.DateOfBirth, Sex: p.Sex, Email: email, Phone: phone, Consent: &c}); err != nil {
		t.Fatal(err)
	}
}

func (f *apptFixture) outbox(t *testing.T, state Delivery) []OutboxMessage {
	t.Helper()
	list, err := f.s.Outbox(calCtx, f.admin.Actor(), state, 50)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

type tempErr struct{}

func (tempErr) Error() string { return "The mail server did not answer within 30s." }

type refusedErr struct{}

func (refusedErr) Error() string   { return "The mail server refused the message (550): no such user" }
func (refusedErr) Permanent() bool { return true }

func TestRemindersGoOnceWithinTheReminderHours(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	f.consent(t, f.asha, "asha@patient.example", "", ContactConsent{Email: true, SMS: true})
	f.book(t, f.asha, f.rao, f.at(3, 14, 0))
	f.book(t, f.ravi, f.rao, f.at(10, 9, 0)) // a week away: not yet
	n, err := f.s.QueueReminders(calCtx)
	if err != nil || n != 1 {
		t.Fatalf("queued %d (%v), want the one appointment within 24 hours", n, err)
	}
	if n, _ := f.s.QueueReminders(calCtx); n != 0 {
		t.Fatalf("queued %d again", n)
	}
	pending := f.outbox(t, DeliveryPending)
	if len(pending) != 1 || pending[0].Channel != ChannelEmail || pending[0].Kind != KindAppointmentReminder ||
		!strings.Contains(pending[0].Title, "Mon 3 Mar at 14:00") || !strings.Contains(pending[0].Body, "Sunrise Clinic") {
		t.Fatalf("pending: %+v", pending)
	}
	skipped := f.outbox(t, DeliverySkipped)
	if len(skipped) != 1 || skipped[0].Note != "No phone number on the patient's record." {
		t.Fatalf("skipped: %+v", skipped)
	}
	var sent []OutboxMessage
	report, err := f.s.DeliverOutbox(calCtx, 10, func(_ context.Context, m OutboxMessage) error {
		sent = append(sent, m)
		return nil
	})
	if err != nil || report.Sent != 1 || len(sent) != 1 || sent[0].Address != "asha@patient.example" {
		t.Fatalf("delivered %+v (%v): %+v", report, err, sent)
	}
	done := f.outbox(t, DeliverySent)
	if len(done) != 1 || done[0].Attempts != 1 || !done[0].SentAt.Equal(f.clock.now()) {
		t.Fatalf("sent: %+v", done)
	}
	// A longer setting reaches further ahead.
	if err := f.s.PutSetting(calCtx, f.admin.Actor(), SettingReminderHours, "168"); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.s.QueueReminders(calCtx); n != 1 {
		t.Fatalf("with 168 hours: %d queued", n)
	}
}

func TestDeliveryOutcomes(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	f.consent(t, f.asha, "asha@patient.example", "+91 98765 43210", ContactConsent{Email: true})
	f.book(t, f.asha, f.rao, f.at(3, 16, 0))
	if _, err := f.s.QueueReminders(calCtx); err != nil {
		t.Fatal(err)
	}
	if s := f.outbox(t, DeliverySkipped); len(s) != 1 || s[0].Channel != ChannelSMS ||
		s[0].Note != "The patient declined SMS (recorded 3 Mar 2025)." {
		t.Fatalf("the SMS without consent: %+v", s)
	}
	fail := func(context.Context, OutboxMessage) error { return tempErr{} }
	for attempt := 1; attempt < MaxDeliveryAttempts; attempt++ {
		r, err := f.s.DeliverOutbox(calCtx, 10, fail)
		if err != nil || r.Retrying != 1 {
			t.Fatalf("attempt %d: %+v %v", attempt, r, err)
		}
		p := f.outbox(t, DeliveryPending)
		if len(p) != 1 || p[0].Attempts != attempt || !strings.HasPrefix(p[0].Note, "Attempt ") ||
			!p[0].NextAttemptAt.Equal(f.clock.now().Add(retryAfter[attempt-1])) {
			t.Fatalf("after attempt %d: %+v", attempt, p)
		}
		// Not due again before its wait is over.
		if r, _ := f.s.DeliverOutbox(calCtx, 10, fail); r != (DeliveryReport{}) {
			t.Fatalf("tried again before the back-off: %+v", r)
		}
		f.clock.advance(retryAfter[attempt-1])
	}
	if r, _ := f.s.DeliverOutbox(calCtx, 10, fail); r.Failed != 1 {
		t.Fatalf("last attempt: %+v", r)
	}
	failed := f.outbox(t, DeliveryFailed)
	if len(failed) != 1 || !strings.HasPrefix(failed[0].Note, "Gave up after 6 attempts: The mail server did not answer") {
		t.Fatalf("failed: %+v", failed)
	}
	// The admin queues it again; a refusal of the message itself fails it at once.
	if err := f.s.RetryMessage(calCtx, f.admin.Actor(), failed[0].ID); err != nil {
		t.Fatal(err)
	}
	if r, _ := f.s.DeliverOutbox(calCtx, 10, func(context.Context, OutboxMessage) error { return refusedErr{} }); r.Failed != 1 {
		t.Fatalf("a refusal: %+v", r)
	}
	if got := f.outbox(t, DeliveryFailed); len(got) != 1 || got[0].Attempts != 1 || !strings.Contains(got[0].Note, "550") {
		t.Fatalf("refused: %+v", got)
	}
	// Retried and cancelled: nothing leaves; cancelling twice is refused in words.
	id := failed[0].ID
	if err := f.s.RetryMessage(calCtx, f.admin.Actor(), id); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CancelMessage(calCtx, f.admin.Actor(), id); err != nil {
		t.Fatal(err)
	}
	if err := f.s.CancelMessage(calCtx, f.admin.Actor(), id); !errors.Is(err, ErrConflict) {
		t.Fatalf("cancelled twice: %v", err)
	}
	if r, _ := f.s.DeliverOutbox(calCtx, 10, func(context.Context, OutboxMessage) error {
		t.Fatal("a cancelled message was sent")
		return nil
	}); r != (DeliveryReport{}) {
		t.Fatalf("cancelled: %+v", r)
	}
	if c := f.outbox(t, DeliveryCancelled); len(c) != 1 || c[0].Note != "Cancelled by Ada Admin." {
		t.Fatalf("cancelled: %+v", c)
	}
	if err := f.s.CancelMessage(calCtx, f.desk.Actor(), id); !errors.Is(err, ErrForbidden) {
		t.Fatalf("the front desk ran the outbox: %v", err)
	}
}

func TestConsentWithdrawnBeforeSendingSkipsTheMessage(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	f.consent(t, f.asha, "asha@patient.example", "", ContactConsent{Email: true})
	appt := f.book(t, f.asha, f.rao, f.at(3, 16, 0))
	f.book(t, f.ravi, f.rao, f.at(3, 16, 30))
	f.consent(t, f.ravi, "ravi@patient.example", "", ContactConsent{Email: true})
	if n, err := f.s.QueueReminders(calCtx); err != nil || n != 2 {
		t.Fatalf("queued %d, %v", n, err)
	}
	f.consent(t, f.asha, "asha@patient.example", "", ContactConsent{})
	if err := f.s.Cancel(calCtx, f.desk.Actor(), appt, "Patient rang to cancel"); err != nil {
		t.Fatal(err)
	}
	f.consent(t, f.ravi, "ravi@patient.example", "", ContactConsent{})
	r, err := f.s.DeliverOutbox(calCtx, 10, func(context.Context, OutboxMessage) error {
		t.Fatal("sent without consent")
		return nil
	})
	if err != nil || r.Skipped != 2 {
		t.Fatalf("%+v %v", r, err)
	}
	notes := map[string]bool{}
	for _, m := range f.outbox(t, DeliverySkipped) {
		if m.Channel == ChannelEmail {
			notes[m.Note] = true
		}
	}
	if !notes["The appointment was cancelled."] || !notes["The patient declined e-mail (recorded 3 Mar 2025)."] {
		t.Fatalf("skipped with %v", notes)
	}
	p, err := f.s.Patient(calCtx, f.desk.Actor(), f.ravi)
	if err != nil || p.EmailConsent.Granted || p.EmailConsent.RecordedBy != "Dee Desk" ||
		!p.EmailConsent.RecordedAt.Equal(f.clock.now()) || p.SMSConsent.RecordedAt.IsZero() {
		t.Fatalf("ravi's consent: %+v %+v (%v)", p.EmailConsent, p.SMSConsent, err)
	}
	// Each change is a row of its own, audited under the patient.
	var rows, audited int
	f.s.readers.QueryRow(`SELECT count(*) FROM patient_consents WHERE patient_id = ?`, f.ravi).Scan(&rows)
	f.s.readers.QueryRow(`SELECT count(*) FROM audit_log WHERE table_name = 'patient_consents' AND patient_id = ?`, f.ravi).Scan(&audited)
	if rows != 3 || audited != 3 {
		t.Fatalf("ravi's consent rows %d, audited %d; want 3 (email yes, sms no, then email no)", rows, audited)
	}
}

func TestSMTPPasswordIsNeverReadBackNorAudited(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	admin := mustUser(t, s, RoleAdmin, "ada@clinic.test", "Ada Admin")
	const secret = "correct-horse-battery-staple-42"
	if err := s.PutSMTPPassword(calCtx, admin.Actor(), secret); err != nil {
		t.Fatal(err)
	}
	if err := s.PutSMTPPassword(calCtx, admin.Actor(), secret+"!"); err != nil {
		t.Fatal(err)
	}
	set, err := s.Settings(calCtx)
	if err != nil || !set.Outbox.SMTPPasswordSet {
		t.Fatalf("settings: %+v %v", set.Outbox, err)
	}
	if _, err := s.SMTPPassword(calCtx, admin.Actor()); !errors.Is(err, ErrForbidden) {
		t.Fatalf("an admin read the password back: %v", err)
	}
	if p, err := s.SMTPPassword(calCtx, System("outbox sender")); err != nil || p != secret+"!" {
		t.Fatalf("the sender read %q, %v", p, err)
	}
	var leaks, changes int
	s.readers.QueryRow(`SELECT count(*) FROM audit_log WHERE coalesce(old_values, '') || coalesce(new_values, '') LIKE ?`,
		"%"+secret+"%").Scan(&leaks)
	s.readers.QueryRow(`SELECT count(*) FROM audit_trail WHERE table_name = 'setting_secrets'
		AND json_extract(new_values, '$.secret_changed') = 1 AND actor_id = ?`, admin.ID).Scan(&changes)
	if leaks != 0 || changes != 1 {
		t.Fatalf("audit rows holding the password: %d; recorded changes: %d", leaks, changes)
	}
	if err := s.PutSMTPPassword(calCtx, admin.Actor(), ""); err != nil {
		t.Fatal(err)
	}
	if set, _ := s.Settings(calCtx); set.Outbox.SMTPPasswordSet {
		t.Fatal("the password was not removed")
	}
}

func TestOutboxSettingsAreChecked(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	admin := mustUser(t, s, RoleAdmin, "ada@clinic.test", "Ada Admin").Actor()
	for _, c := range []struct{ key, value, field string }{
		{SettingSMTPPort, "0", "smtp_port"},
		{SettingSMTPTLS, "ssl", "smtp_tls"},
		{SettingSMTPFrom, "not an address", "smtp_from"},
		{SettingSMTPHost, "smtp.example.com:587", "smtp_host"},
		{SettingSMSGatewayURL, "ftp://gw.example", "sms_gateway_url"},
		{SettingSMSBodyTemplate, `{"text": "{message}"}`, "sms_body_template"},
		{SettingReminderHours, "200", "reminder_hours"},
	} {
		var fe *FieldError
		if err := s.PutSetting(calCtx, admin, c.key, c.value); !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%s = %q: %v", c.key, c.value, err)
		}
	}
	for key, value := range map[string]string{SettingSMTPHost: "smtp.example.com", SettingSMTPPort: "465",
		SettingSMTPTLS: "TLS", SettingSMTPFrom: "desk@clinic.example", SettingSMSGatewayURL: "https://sms.example/send",
		SettingReminderHours: "48"} {
		if err := s.PutSetting(calCtx, admin, key, value); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
	}
	set, _ := s.Settings(calCtx)
	o := set.Outbox
	if o.SMTPPort != 465 || o.SMTPTLS != SMTPTLS || o.ReminderHours != 48 || !o.EmailReady() || !o.SMSReady() ||
		o.SMSBodyTemplate != DefaultSMSBodyTemplate {
		t.Fatalf("outbox settings: %+v", o)
	}
	if err := s.PutSetting(calCtx, admin, SettingReminderHours, ""); err != nil {
		t.Fatal(err)
	}
	if set, _ := s.Settings(calCtx); set.Outbox.ReminderHours != 24 {
		t.Fatalf("cleared reminder hours: %d, want the default 24", set.Outbox.ReminderHours)
	}
}
