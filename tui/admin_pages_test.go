package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// TestAuditPagesFollowTheTerminalsSize: the audit trail's page holds the rows the body
// fits, read again when the terminal is resized, and older pages turn at any size. A
// page read at 80×24 held 15 rows; made 45 lines tall the desk kept showing 15, and ]
// did nothing, as it turned only after a page of the new size.
func TestAuditPagesFollowTheTerminalsSize(t *testing.T) {
	t.Parallel()
	p, tr := onTrailOf(t, 80)
	p.Send(tea.WindowSizeMsg{Width: 120, Height: 45})
	p.WaitUntil("page 1 of 36 rows", tr.page(1, 0, 36))
	p.Type("]")
	page2 := tr.read(0, 36)[35].ID
	p.WaitUntil("page 2 of 36 rows", tr.page(2, page2, 36))
	p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	p.WaitUntil("page 2 cut to 15 rows", tr.page(2, page2, 15))
	p.Type("]")
	p.WaitUntil("page 3 of 15 rows", tr.page(3, tr.read(page2, 15)[14].ID, 15))
}

// TestAFilterLeftWithEscIsNotApplied: esc leaves the filter form without applying what
// was typed: turning the page, or the trail changing, keeps the filter shown. The
// typed values stay in the form for next time.
func TestAFilterLeftWithEscIsNotApplied(t *testing.T) {
	t.Parallel()
	p, tr := onTrailOf(t, 30)
	p.Type("f")
	p.WaitFor("┃ User")
	p.Type("desk07@clinic.test")
	p.Key("esc")
	p.WaitFor("Page 1 · all rows")
	p.Type("]")
	p.WaitUntil("page 2 of all rows", tr.page(2, tr.read(0, 15)[14].ID, 15))
	p.Type("[")
	p.WaitUntil("page 1 of all rows", tr.page(1, 0, 15))
	// The newest page follows the trail live, with the filter it shows.
	addUser(t, tr.s, store.RoleReceptionist, "late@clinic.test", "Late Desk")
	p.WaitUntil("page 1 of all rows with the new account's", tr.page(1, 0, 15))
	p.Type("f")
	p.WaitFor("┃ User", "desk07@clinic.test")
}

// onTrailOf opens the audit trail at 80×24 as Grace, in a clinic of her and n
// receptionists, and waits for its first page.
func onTrailOf(t *testing.T, n int) (*tuitest.Program, trail) {
	t.Helper()
	s := tuitest.NewStore(t)
	tr := newTrail(t, s, n)
	p := openAuditTrail(t, s, 80, 24)
	p.WaitUntil("page 1 of 15 rows", tr.page(1, 0, 15))
	return p, tr
}

// trail reads the audit trail as its admin, Grace, whom it adds with n receptionists.
type trail struct {
	t     *testing.T
	s     *store.Store
	admin store.Actor
}

func newTrail(t *testing.T, s *store.Store, n int) trail {
	grace := addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	for i := range n {
		addUser(t, s, store.RoleReceptionist, fmt.Sprintf("desk%02d@clinic.test", i), fmt.Sprintf("Desk %02d", i))
	}
	return trail{t: t, s: s, admin: grace.Actor()}
}

// read is the store's page of the whole trail: limit rows older than beforeID.
func (tr trail) read(beforeID int64, limit int) []store.AuditEntry {
	return rowsOrFail[store.AuditEntry](tr.t)(tr.s.AuditPage(context.Background(), tr.admin, store.AuditFilter{}, beforeID, limit))
}

// rowsOrFail returns the rows a store read, failing the test on its error.
func rowsOrFail[T any](t *testing.T) func([]T, error) []T {
	return func(rows []T, err error) []T {
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
}

// page reports whether the screen shows page number of the whole trail: the limit rows
// the store has older than beforeID, read as the screen is checked (the trail grows).
func (tr trail) page(number int, beforeID int64, limit int) func(string) bool {
	return func(screen string) bool {
		var want [][]string
		for _, e := range tr.read(beforeID, limit) {
			row := fmt.Sprint(e.RowID)
			if e.RowID == 0 {
				row = "" // drawn blank
			}
			want = append(want, []string{e.Table, e.Action, row})
		}
		return showsPage(screen, fmt.Sprintf("Page %d · all rows", number), want)
	}
}

// showsPage reports whether the screen has the heading and exactly the rows wanted, in
// order: a row is a line that starts with a date or a day ("2026-03-10", "07 Dec"), and
// holds each of its row's words ("" for a blank column).
func showsPage(screen, heading string, want [][]string) bool {
	if !strings.Contains(screen, heading) {
		return false
	}
	var shown [][]string
	for _, line := range strings.Split(screen, "\n") {
		if f := strings.Fields(line); len(f) > 2 && (strings.HasPrefix(f[0], "20") || len(f[0]) == 2 && strings.Contains(f[2], ":")) {
			shown = append(shown, f)
		}
	}
	if len(shown) != len(want) {
		return false
	}
	for i, words := range want {
		for _, w := range words {
			if w != "" && !slices.Contains(shown[i], w) {
				return false
			}
		}
	}
	return true
}

// TestTheAccessLogKeepsItsPageFilterAndSize: the access log reopens on the page the
// admin left (it showed "Page 2" over the newest rows), is read again for a new size,
// and a filter left with esc is not applied.
func TestTheAccessLogKeepsItsPageFilterAndSize(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	tr := newTrail(t, s, 0)
	desk := addUser(t, s, store.RoleReceptionist, "desk@clinic.test", "Dee Desk")
	doctor, err := s.CreateUser(ctx, store.System("test"), store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao",
		Role: store.RoleDoctor, Password: tuitest.Password, Doctor: &store.DoctorProfile{LicenceNumber: "MCI-1"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		p, err := s.AddPatient(ctx, desk.Actor(), store.PatientInput{FirstName: "Jane", LastName: fmt.Sprintf("Doe%02d", i),
			DateOfBirth: time.Date(1980, 1, 2, 0, 0, 0, 0, time.UTC), Sex: "female"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Chart(ctx, doctor.Actor(), p.ID); err != nil {
			t.Fatal(err)
		}
	}
	p := openAuditTrail(t, s, 80, 24)
	p.WaitFor("Page 1 · all rows")
	p.Type("a")
	p.WaitUntil("page 1 of 16 accesses", tr.accessPage(1, 0, 16))
	p.Type("]")
	page2 := tr.accesses(0, 16)[15].ID
	p.WaitUntil("page 2 of 16 accesses", tr.accessPage(2, page2, 16))
	p.Type("a")
	p.WaitFor("Page 1 · all rows")
	// Shown again, the log reads its page: the screen is checked once that answer is in.
	reread := p.HoldBack(answerOf("admin.accessPageMsg"))
	p.Type("a")
	reread.Release()
	if !tr.accessPage(2, page2, 16)(p.Screen()) {
		t.Fatalf("shown again, the access log is not on page 2:\n%s", p.Screen())
	}
	p.Send(tea.WindowSizeMsg{Width: 100, Height: 40})
	p.WaitUntil("page 2 of 32 accesses", tr.accessPage(2, page2, 32))
	p.Type("/")
	p.WaitFor("┃ User")
	p.Type("rao@clinic.test")
	p.Key("esc")
	p.Type("]")
	p.WaitUntil("page 3 of every access", tr.accessPage(3, tr.accesses(page2, 32)[31].ID, 32))
}

// accesses is the store's page of the whole access log: limit rows older than beforeID.
func (tr trail) accesses(beforeID int64, limit int) []store.AccessRecord {
	return rowsOrFail[store.AccessRecord](tr.t)(tr.s.AccessLogPage(context.Background(), tr.admin, store.AccessFilter{}, beforeID, limit))
}

// accessPage reports whether the screen shows page number of the whole access log:
// the limit rows the store has older than beforeID, each row's patient in its place.
func (tr trail) accessPage(number int, beforeID int64, limit int) func(string) bool {
	return func(screen string) bool {
		var want [][]string
		for _, r := range tr.accesses(beforeID, limit) {
			want = append(want, []string{r.PatientCode})
		}
		return showsPage(screen, fmt.Sprintf("Access log · Page %d · every access", number), want)
	}
}

// TestTheTrailsPageArrivingUnderTheAccessLogIsKept: ] then a, typed together, show the
// access log before the trail's page 2 arrives; back on the trail, page 2 is shown (the
// answer went to the access log, which dropped it, and the trail showed page 1's rows
// under "Page 2" for good).
func TestTheTrailsPageArrivingUnderTheAccessLogIsKept(t *testing.T) {
	t.Parallel()
	p, tr := onTrailOf(t, 30)
	page2 := p.HoldBack(answerOf("admin.auditPageMsg"))
	p.SendTogether(runes("]"), runes("a"))
	page2.Release() // with the access log shown
	p.WaitFor("Access log · Page 1")
	p.Type("a")
	p.WaitUntil("page 2 of the trail", tr.page(2, tr.read(0, 15)[14].ID, 15))
}

// TestAFilterThatFindsNoAccountSaysSo: a user no account matches is named in the
// error; the rows shown are the last filter's.
func TestAFilterThatFindsNoAccountSaysSo(t *testing.T) {
	t.Parallel()
	p, tr := onTrailOf(t, 30)
	p.Type("f")
	p.WaitFor("┃ User")
	p.Fill("nobody@clinic.test", "Patient")
	p.Fill("", "Table")
	p.Key("enter")
	p.Fill("", "From")
	p.Fill("", "To")
	p.Key("enter")
	p.WaitUntil("the error over page 1 of all rows", func(screen string) bool {
		return strings.Contains(screen, "No account matches nobody@clinic.test.") && tr.page(1, 0, 15)(screen)
	})
	// The trail changing does not read the page again (that would clear the error):
	// TestAFailedPageIsNotReadAgainByItself in tui/admin.
}
