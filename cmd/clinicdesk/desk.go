package main

import (
	"context"
	"fmt"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui"
)

// runDesk opens the desk; its help is the whole program's, since `clinicdesk --help`
// is where a newcomer looks first.
func runDesk(args []string, stdout io.Writer) error {
	fs := newFlags("clinicdesk", usage, stdout)
	db := fs.String("db", "", "the clinic database file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, err := newDBPath(*db)
	if err != nil {
		return err
	}
	return openDesk(path)
}

// openDesk runs the desk on this terminal until the user quits.
func openDesk(path string) error {
	opts := append([]store.Option{store.WithReaderConns(store.DeskReaderConns)}, storeOptions...)
	s, err := openDB(context.Background(), path, os.Stderr, opts...)
	if err != nil {
		return err
	}
	defer s.Close()
	// Expiry comes with the calendar, not with a write: check when the desk opens. A
	// failed check must not keep the clinic from its desk.
	_, _ = s.AnnounceExpiringBatches(context.Background())
	desk := tui.New(tui.Options{Store: s, NoColor: os.Getenv("NO_COLOR") != ""})
	if _, err := tea.NewProgram(desk, tea.WithAltScreen(), tea.WithMouseCellMotion()).Run(); err != nil {
		return fmt.Errorf("the desk stopped: %w", err)
	}
	return nil
}
