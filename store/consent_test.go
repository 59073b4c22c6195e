package store

import (
	"testing"
	"time"
)

// Patient reads the consents in the patient's own statement: each channel's latest
// row, as consentOf reads it, and nothing for a patient who never answered.
func TestPatientReadsTheLatestConsentOnEachChannel(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	f.consent(t, f.ravi, "ravi@patient.example", "+91 98765 43210", ContactConsent{Email: true, SMS: true})
	f.clock.advance(time.Hour)
	f.consent(t, f.ravi, "ravi@patient.example", "+91 98765 43210", ContactConsent{SMS: true})
	for _, id := range []int64{f.asha, f.ravi} {
		p, err := f.s.Patient(calCtx, f.desk.Actor(), id)
		if err != nil {
			t.Fatal(err)
		}
		for ch, got := range map[Channel]Consent{ChannelEmail: p.EmailConsent, ChannelSMS: p.SMSConsent} {
			want, err := consentOf(calCtx, f.s.readers, id, ch)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("patient %d's %s consent %+v, want %+v", id, ch, got, want)
			}
		}
	}
	ravi, err := f.s.Patient(calCtx, f.desk.Actor(), f.ravi)
	if err != nil || ravi.EmailConsent.Granted || !ravi.SMSConsent.Granted || ravi.EmailConsent.RecordedBy != "Dee Desk" ||
		!ravi.SMSConsent.RecordedAt.Before(ravi.EmailConsent.RecordedAt) {
		t.Fatalf("ravi's consent: %+v %+v (%v)", ravi.EmailConsent, ravi.SMSConsent, err)
	}
	asha, err := f.s.Patient(calCtx, f.desk.Actor(), f.asha)
	if err != nil || asha.EmailConsent != (Consent{}) || asha.SMSConsent != (Consent{}) {
		t.Fatalf("asha never answered, yet: %+v %+v (%v)", asha.EmailConsent, asha.SMSConsent, err)
	}
}
