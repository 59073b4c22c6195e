package admin

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// idPages is the paging and selection of a list read newest first by row id (the audit
// trail, the access log): the beforeID of each page from the first to the one shown,
// which keeps every page as cheap as the first, and the selected row.
type idPages struct {
	pages  []int64
	cursor int
	// limit is how many rows the shown page was read for (a body's height), and full
	// whether that many came: only after a full page can older rows follow. The
	// terminal may have been resized since; the page is then read again (fits).
	limit int
	full  bool
}

func newIDPages() idPages { return idPages{pages: []int64{0}} }

// reset goes back to the newest page.
func (p *idPages) reset() { p.pages, p.cursor = []int64{0}, 0 }

// first reports whether the newest page is shown.
func (p *idPages) first() bool { return len(p.pages) == 1 }

// number is the shown page's number, from 1.
func (p *idPages) number() int { return len(p.pages) }

// before is the shown page's beforeID: 0 for the newest.
func (p *idPages) before() int64 { return p.pages[len(p.pages)-1] }

// arrived takes a page of n rows read for limit, keeping the cursor on one of them.
func (p *idPages) arrived(n, limit int) {
	p.limit, p.full = limit, n == limit
	p.cursor = min(p.cursor, max(0, n-1))
}

// failed takes a page read for limit rows that did not come: the rows shown stay, and
// the page is not read again until the size changes (its error stays on the screen).
func (p *idPages) failed(limit int) { p.limit = limit }

// fits reports that the shown page was read for pageSize rows.
func (p *idPages) fits(pageSize int) bool { return p.limit == pageSize }

// move handles the list's keys over the shown page of n rows (the last with id
// lastID): up and down move the cursor; older and newer turn the page, returning the
// page's beforeID to read and turn.
func (p *idPages) move(k tea.KeyMsg, ks keys.Admin, list keys.List, n int, lastID int64) (before int64, turn bool) {
	switch {
	case key.Matches(k, list.Up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(k, list.Down):
		p.cursor = min(max(0, n-1), p.cursor+1)
	case key.Matches(k, ks.NextPage) && p.full:
		p.pages, p.cursor = append(p.pages, lastID), 0
		return lastID, true
	case key.Matches(k, ks.PrevPage) && len(p.pages) > 1:
		p.pages, p.cursor = p.pages[:len(p.pages)-1], 0
		return p.pages[len(p.pages)-1], true
	}
	return 0, false
}

// runFilter hands msg to the filter form; once the form is filled it is closed and
// done is true, for the caller to read the first page of the new filter.
func runFilter(form **huh.Form, msg tea.Msg) (cmd tea.Cmd, done bool) {
	if *form == nil {
		return nil, false
	}
	model, cmd := (*form).Update(msg)
	*form = model.(*huh.Form)
	if (*form).State == huh.StateCompleted {
		*form = nil
		return cmd, true
	}
	return cmd, false
}
