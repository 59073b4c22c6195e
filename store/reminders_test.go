package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// reminders lists the reminders of one appointment, oldest first, in every state.
func (f *apptFixture) reminders(t *testing.T, appt int64) []OutboxMessage {
	t.Helper()
	var out []OutboxMessage
	for _, d := range Deliveries {
		for _, m := range f.outbox(t, d) {
			var entityID int64
			if err := f.s.readers.QueryRow(`SELECT entity_id FROM notifications WHERE id = ?`, m.ID).Scan(&entityID); err != nil {
				t.Fatal(err)
			}
			if m.Kind == KindAppointmentReminder && m.Channel == ChannelEmail && entityID == appt {
				out = append(out, m)
			}
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].ID < out[j-1].ID; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func TestAMovedAppointmentsQueuedReminderGivesWayToOneForTheNewTime(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	f.consent(t, f.asha, "asha@patient.example", "", ContactConsent{Email: true})
	appt := f.book(t, f.asha, f.rao, f.at(3, 14, 0))
	if n, err := f.s.QueueReminders(calCtx); err != nil || n != 1 {
		t.Fatalf("queued %d: %v", n, err)
	}
	if err := f.s.Reschedule(calCtx, f.desk.Actor(), appt, f.at(3, 16, 0)); err != nil {
		t.Fatal(err)
	}
	got := f.reminders(t, appt)
	if len(got) != 2 || got[0].Delivery != DeliveryCancelled ||
		got[0].Note != "The appointment moved to Mon 3 Mar at 16:00; a reminder for the new time replaces this one." ||
		got[1].Delivery != DeliveryPending || !strings.Contains(got[1].Title, "Mon 3 Mar at 16:00") ||
		!strings.Contains(got[1].Body, "Sunrise Clinic") {
		t.Fatalf("after the move: %+v", got)
	}
	// The new reminder is due at once (the new time is within 24 hours) and goes alone.
	var sent []string
	if _, err := f.s.DeliverOutbox(calCtx, 10, func(_ context.Context, m OutboxMessage) error {
		sent = append(sent, m.Title)
		return nil
	}); err != nil || len(sent) != 1 || !strings.Contains(sent[0], "Mon 3 Mar at 16:00") {
		t.Fatalf("sent %q: %v", sent, err)
	}
	// Moved again, a week on: the sent reminder stays sent, and the next waits until
	// 24 hours before the new time.
	if err := f.s.Reschedule(calCtx, f.desk.Actor(), appt, f.at(11, 9, 0)); err != nil {
		t.Fatal(err)
	}
	got = f.reminders(t, appt)
	if len(got) != 3 || got[1].Delivery != DeliverySent || got[2].Delivery != DeliveryPending ||
		!got[2].NextAttemptAt.Equal(f.at(10, 9, 0)) || !strings.Contains(got[2].Title, "Tue 11 Mar at 09:00") {
		t.Fatalf("after the second move: %+v", got)
	}
	if r, err := f.s.DeliverOutbox(calCtx, 10, func(context.Context, OutboxMessage) error { return nil }); err != nil || r.Sent != 0 {
		t.Fatalf("a reminder went a week early: %+v %v", r, err)
	}
	if n, _ := f.s.QueueReminders(calCtx); n != 0 {
		t.Fatalf("QueueReminders added %d beside the moved one", n)
	}
	f.clock.advance(7 * 24 * time.Hour)
	if r, err := f.s.DeliverOutbox(calCtx, 10, func(context.Context, OutboxMessage) error { return nil }); err != nil || r.Sent != 1 {
		t.Fatalf("the day before: %+v %v", r, err)
	}
}

func TestAnAppointmentNeverRemindedGetsNoReminderWhenMoved(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	f.consent(t, f.asha, "asha@patient.example", "", ContactConsent{Email: true})
	appt := f.book(t, f.asha, f.rao, f.at(10, 9, 0))
	if err := f.s.Reschedule(calCtx, f.desk.Actor(), appt, f.at(11, 9, 0)); err != nil {
		t.Fatal(err)
	}
	if got := f.reminders(t, appt); len(got) != 0 {
		t.Fatalf("reminders of an appointment a week away: %+v", got)
	}
}
