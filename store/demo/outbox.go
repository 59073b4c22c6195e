package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/clinicdesk/clinicdesk/store"
)

// demoRefusal is a refusal the demo's pretend mail server gives for good.
type demoRefusal struct{ reason string }

func (e demoRefusal) Error() string   { return e.reason }
func (e demoRefusal) Permanent() bool { return true }

// buildOutbox queues the reminders of the next day and plays one round of sending
// them, so the admin's Outbox holds messages in every state: most sent, one refused by
// the mail server (failed), one waiting to retry after a gateway timeout (pending),
// one cancelled by the admin, and those skipped for want of consent or an address.
// The "prescription ready" messages of past dispensing went at the time.
func (b *builder) buildOutbox() error {
	b.begin("Sending reminders")
	if _, err := b.h.QueueReminders(b.ctx); err != nil {
		return fmt.Errorf("demo reminders: %w", err)
	}
	pending, err := b.h.Outbox(b.ctx, b.system, store.DeliveryPending, 500)
	if err != nil {
		return err
	}
	for _, m := range pending {
		if m.Kind == store.KindAppointmentReminder {
			if err := b.h.CancelMessage(b.ctx, b.system, m.ID); err != nil {
				return err
			}
			break
		}
	}
	refused, timedOut := false, false
	send := func(_ context.Context, m store.OutboxMessage) error {
		if m.Kind != store.KindAppointmentReminder {
			return nil
		}
		switch {
		case !refused && m.Channel == store.ChannelEmail:
			refused = true
			return demoRefusal{"The mail server refused the message (550): 5.1.1 " + m.Address + ": mailbox unavailable"}
		case !timedOut && m.Channel == store.ChannelSMS:
			timedOut = true
			return errors.New("The SMS gateway sms.lotusclinic.example did not answer within 30s.")
		}
		return nil
	}
	for {
		r, err := b.h.DeliverOutbox(b.ctx, 500, send)
		if err != nil {
			return fmt.Errorf("demo outbox: %w", err)
		}
		if r.Sent+r.Failed+r.Skipped == 0 { // only retries left, due later
			break
		}
	}
	b.step(1)
	return nil
}

// buildPatientAccounts gives the first three patients with an e-mail address a login
// to their own records, each with a password of their own.
func (b *builder) buildPatientAccounts() error {
	b.begin("Patient accounts")
	words := []string{"monsoon-lantern", "saffron-harbour", "tamarind-compass", "jasmine-ledger"}
	for i, id := range b.patientIDs {
		if len(b.sum.PatientAccounts) == 3 {
			break
		}
		p := b.patients[i]
		if p.Email == "" {
			continue
		}
		password := fmt.Sprintf("%s-%s-%d", words[len(b.sum.PatientAccounts)], strings.ToLower(p.Last[:1]), 4021+i*17)
		u, err := b.h.GivePatientAccount(b.ctx, b.system, id, p.Email, password)
		if err != nil {
			return fmt.Errorf("demo patient account of %s: %w", p.FullName(), err)
		}
		b.sum.PatientAccounts = append(b.sum.PatientAccounts, PatientAccount{Email: u.Email, FullName: u.FullName,
			Password: password})
		b.accountOf = append(b.accountOf, id)
	}
	return nil
}
