package store

import (
	"errors"
	"testing"
)

func notify(t *testing.T, w *rxWorld, in NotificationInput) error {
	t.Helper()
	return w.s.Batch(w.ctx, System("test"), func(tx *Tx) error { return tx.Notify(w.ctx, in) })
}

func TestNotificationsToARoleAreCopiedPerUser(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ctx := w.ctx
	second := mustUser(t, w.s, RolePharmacist, "pharm2@clinic.test", "Lee Second")
	gone := mustUser(t, w.s, RolePharmacist, "pharm3@clinic.test", "Old Hand")
	w.sql(t, `UPDATE users SET active = 0 WHERE id = ?`, gone.ID)

	if err := notify(t, w, NotificationInput{Role: RolePharmacist, Kind: "test", Title: "Fridge check"}); err != nil {
		t.Fatal(err)
	}
	if n := w.count(t, `SELECT count(*) FROM notifications`); n != 2 {
		t.Fatalf("%d rows, want one per active pharmacist", n)
	}
	mine, err := w.s.Notifications(ctx, w.pharmacist.Actor(), false, 10)
	if err != nil || len(mine) != 1 || mine[0].Title != "Fridge check" || mine[0].Channel != ChannelInApp {
		t.Fatalf("first pharmacist: %v %+v", err, mine)
	}
	if err := w.s.MarkRead(ctx, w.pharmacist.Actor(), mine[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := w.s.MarkRead(ctx, w.pharmacist.Actor(), mine[0].ID); err != nil {
		t.Fatalf("marking read twice: %v", err)
	}
	if n, _ := w.s.UnreadCount(ctx, w.pharmacist.Actor()); n != 0 {
		t.Fatalf("first pharmacist still has %d unread", n)
	}
	if n, _ := w.s.UnreadCount(ctx, second.Actor()); n != 1 {
		t.Fatalf("reading one copy read the other: second pharmacist has %d unread", n)
	}
	if all, _ := w.s.Notifications(ctx, w.pharmacist.Actor(), false, 10); len(all) != 1 || all[0].ReadAt.IsZero() {
		t.Fatalf("read notification: %+v", all)
	}
	if unread, _ := w.s.Notifications(ctx, w.pharmacist.Actor(), true, 10); len(unread) != 0 {
		t.Fatalf("unread only: %+v", unread)
	}

	theirs, _ := w.s.Notifications(ctx, second.Actor(), false, 10)
	rxWantErr(t, w.s.MarkRead(ctx, w.doctor.Actor(), theirs[0].ID), ErrNotFound)
}

func TestNotificationsToARoleWithNobodyAreKeptForTheRole(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	if err := notify(t, w, NotificationInput{Role: RoleAdmin, Kind: "test", Title: "Backup overdue"}); err != nil {
		t.Fatal(err)
	}
	if n := w.count(t, `SELECT count(*) FROM notifications WHERE role = 'admin' AND user_id IS NULL`); n != 1 {
		t.Fatalf("%d role rows, want 1", n)
	}
	a := mustUser(t, w.s, RoleAdmin, "a@clinic.test", "Ada Admin")
	b := mustUser(t, w.s, RoleAdmin, "b@clinic.test", "Bo Admin")
	list, err := w.s.Notifications(w.ctx, a.Actor(), true, 10)
	if err != nil || len(list) != 1 || list[0].Role != RoleAdmin || list[0].UserID != 0 {
		t.Fatalf("an admin who joined later: %v %+v", err, list)
	}
	if err := w.s.MarkRead(w.ctx, a.Actor(), list[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.s.UnreadCount(w.ctx, b.Actor()); n != 0 {
		t.Fatalf("a role row read by one admin is read for all; the other has %d unread", n)
	}
	if n, _ := w.s.UnreadCount(w.ctx, w.pharmacist.Actor()); n != 0 {
		t.Fatalf("another role sees the admins' row")
	}
}

func TestNotifyValidation(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	for _, tc := range []struct {
		field string
		in    NotificationInput
	}{
		{"recipient", NotificationInput{Kind: "k", Title: "t"}},
		{"recipient", NotificationInput{UserID: w.doctor.ID, Role: RoleDoctor, Kind: "k", Title: "t"}},
		{"role", NotificationInput{Role: "nurse", Kind: "k", Title: "t"}},
		{"channel", NotificationInput{UserID: w.doctor.ID, Channel: "pager", Kind: "k", Title: "t"}},
		{"kind", NotificationInput{UserID: w.doctor.ID, Title: "t"}},
		{"title", NotificationInput{UserID: w.doctor.ID, Kind: "k", Title: " "}},
	} {
		var f *FieldError
		if err := notify(t, w, tc.in); !errors.As(err, &f) || f.Field != tc.field {
			t.Errorf("%+v: want field %s, got %v", tc.in, tc.field, err)
		}
	}
	// An e-mail goes to the outbox, not to the desk.
	if err := notify(t, w, NotificationInput{UserID: w.doctor.ID, Channel: ChannelEmail, Kind: "k", Title: "t"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.s.UnreadCount(w.ctx, w.doctor.Actor()); n != 0 {
		t.Fatalf("an e-mail counted as an in-app notification")
	}
}

// TestMarkAllReadMarksOnlyTheActorsOwn: every unread notification of the actor is
// read after it, the count says how many, and another user's stay unread.
func TestMarkAllReadMarksOnlyTheActorsOwn(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	second := mustUser(t, w.s, RolePharmacist, "pharm2@clinic.test", "Lee Second")
	for _, title := range []string{"Fridge check", "Stock count", "Delivery"} {
		if err := notify(t, w, NotificationInput{Role: RolePharmacist, Kind: "test", Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := w.s.UnreadCount(w.ctx, w.pharmacist.Actor())
	n, err := w.s.MarkAllRead(w.ctx, w.pharmacist.Actor())
	if err != nil || n != before || n < 3 {
		t.Fatalf("marked %d of %d unread: %v", n, before, err)
	}
	if left, _ := w.s.UnreadCount(w.ctx, w.pharmacist.Actor()); left != 0 {
		t.Fatalf("%d left unread", left)
	}
	if theirs, _ := w.s.UnreadCount(w.ctx, second.Actor()); theirs != 3 {
		t.Fatalf("the other pharmacist has %d unread, want 3", theirs)
	}
	if n, err := w.s.MarkAllRead(w.ctx, w.pharmacist.Actor()); err != nil || n != 0 {
		t.Fatalf("marking all read again: %d, %v", n, err)
	}
}
