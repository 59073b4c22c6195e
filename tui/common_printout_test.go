package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A print that fails says why in plain words, with no escape reaching the terminal,
// and the printout stays on screen to read; esc closes it.
func TestAFailedPrintSaysWhyAndKeepsTheText(t *testing.T) {
	t.Parallel()
	c := &common.Common{Store: tuitest.NewStore(t), Styles: theme.New(tuitest.Renderer(), true), Width: 60, Height: 12}
	failure := errors.New("the printer \x1b]52;c;eA==\x07 is out of paper")
	p := common.NewPrintout(c, "Receipt", "", func(context.Context, *store.Store, store.Actor) (store.Printed, error) {
		return store.Printed{Text: "RECEIPT\nPaid  USD 4.50\n"}, failure
	})
	closed, _ := p.Update((p.Print())())
	view := p.View()
	if closed || !strings.Contains(view, "Not printed: Something went wrong: the printer") ||
		!strings.Contains(view, "Paid  USD 4.50") || strings.Contains(view, "\x1b]52") {
		t.Fatalf("after a failed print: %q", view)
	}
	if closed, _ := p.Update(tea.KeyMsg{Type: tea.KeyEsc}); !closed {
		t.Fatal("esc did not close the printout")
	}
}

// A long title fits the width on one line (the printout's keys are the footer's).
func TestAPrintoutsTitleFitsItsWidth(t *testing.T) {
	t.Parallel()
	c := &common.Common{Store: tuitest.NewStore(t), Styles: theme.New(tuitest.Renderer(), true), Width: 80, Height: 24}
	p := common.NewPrintout(c, "Close of day · front desk · Thursday 3 December 2026 · counted by Nandini Mishra at the front",
		"CLOSE OF DAY No. 000029\n", func(context.Context, *store.Store, store.Actor) (store.Printed, error) {
			return store.Printed{}, nil
		})
	first, _, _ := strings.Cut(p.View(), "\n")
	if w := lipgloss.Width(first); w > 80 || !strings.HasPrefix(first, "Close of day · front desk") {
		t.Fatalf("the title line is %d columns: %q", w, first)
	}
}
