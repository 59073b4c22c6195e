package tui

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// The System tab shows the database at a glance: its file's and log's sizes, the
// commits and logins this process has seen, and the day's slowest calls.
func TestTheSystemTabShowsTheDatabase(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := startDesk(t, s, 100, 40)
	logIn(p, "grace@clinic.test")
	p.WaitFor("5 System")
	p.Type("5")
	p.WaitFor("Database", "File", "its log", "1 login, 0 failed logins", "Slowest today", " ms ")
}
