package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func TestBadgeCountsUnreadAndThePanelMarksRead(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	ctx := context.Background()
	ph, err := s.CreateUser(ctx, store.System("test"), store.NewUser{Email: "sam@clinic.test", FullName: "Sam Pharm",
		Role: store.RolePharmacist, Password: tuitest.Password, Pharmacist: &store.PharmacistProfile{LicenceNumber: "PH-1"}})
	if err != nil {
		t.Fatal(err)
	}
	p := tuitest.Start(t, New(Options{Store: s, Renderer: tuitest.Renderer(), User: &ph}), 100, 30)
	p.WaitFor("Sam Pharm · pharmacist")
	if strings.Contains(p.Screen(), "unread") {
		t.Fatalf("a badge with nothing unread:\n%s", p.Screen())
	}
	notify := func(title string) {
		t.Helper()
		err := s.Batch(ctx, store.System("test"), func(tx *store.Tx) error {
			return tx.Notify(ctx, store.NotificationInput{Role: store.RolePharmacist, Kind: "test", Title: title,
				Body: "Details of " + title})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	notify("RX000001 to dispense")
	notify("RX000002 to dispense")
	// The badge follows committed changes without a key pressed.
	p.WaitFor("2 unread", "Sam Pharm · pharmacist")

	p.Send(tea.KeyMsg{Type: tea.KeyCtrlN})
	p.WaitFor("● ", "RX000002 to dispense", "RX000001 to dispense")
	p.Key("up")
	p.WaitFor("Details of RX000002")
	p.Key("enter")
	p.WaitFor("1 unread")
	p.Key("down")
	p.WaitFor("Details of RX000001")
	p.Key("enter")
	p.WaitFor("Nothing unread")
	if n, err := s.UnreadCount(ctx, ph.Actor()); err != nil || n != 0 {
		t.Fatalf("unread in the store: %d %v", n, err)
	}
	if strings.Contains(p.Screen(), "● ") {
		t.Fatalf("a notification still marked unread:\n%s", p.Screen())
	}
}
