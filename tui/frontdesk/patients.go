package frontdesk

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/emergency"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// patientsMode is what the registry shows.
type patientsMode int

const (
	modeList patientsMode = iota
	modeForm
	modeDuplicates
	modePage
	modePatientWizard
	modeEmergency
	modeAccount
)

type searchMsg struct {
	owner    int64
	seq      int
	patients []store.Patient
	err      error
}

// Patients is the patient registry tab: search as you type, register and edit with a
// duplicate warning, and each patient's page.
type Patients struct {
	c     *common.Common
	owner int64
	keys  keys.Patients
	mode  patientsMode

	search    textinput.Model
	searching bool
	seq       int
	asked     int  // how many patients the latest search asked for
	complete  bool // its answer held every match
	results   []store.Patient
	cursor    int
	offset    int
	drawn     drawnRows // the result rows as drawn, kept between frames

	form      *patientForm
	page      *patientPage
	wizard    *booker
	emergency *emergency.Model
	account   *accountForm

	message string
	stray   common.StrayLetters
	failed  bool
	// booked is the visit the message announces, while it does: the message goes
	// once the page no longer shows that visit at that time (moved, cancelled).
	booked *booked
	width  int
	height int
}

// NewPatients returns the registry tab.
func NewPatients(c *common.Common) *Patients {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "search by name, phone, code or email"
	in.CharLimit = 80
	return &Patients{c: c, owner: newOwner(), keys: keys.NewPatients(), search: in}
}

// Title is the tab's name.
func (p *Patients) Title() string { return "Patients" }

// Init lists the most recently registered patients.
func (p *Patients) Init() tea.Cmd { return p.runSearch() }

// SetSize keeps the list's window inside the body.
func (p *Patients) SetSize(width, height int) {
	p.width, p.height = width, height
	p.clampList()
}

// Typing reports whether a text field has focus.
func (p *Patients) Typing() bool {
	switch p.mode {
	case modeList:
		return p.searching
	case modeForm, modeAccount:
		return true
	case modePatientWizard:
		return p.wizard.typing()
	case modeEmergency:
		return p.emergency.Typing()
	}
	return false
}

// Dirty reports a registration or an edit in progress.
func (p *Patients) Dirty() bool {
	switch p.mode {
	case modeForm, modeDuplicates:
		return p.form.dirty()
	case modePatientWizard:
		return p.wizard.dirty()
	case modeEmergency:
		return p.emergency.Dirty()
	case modeAccount:
		return p.account.dirty()
	}
	return false
}

// EscKeeps reports that esc keeps the unsaved input: in the booking wizard past its
// first step, esc goes back a step.
func (p *Patients) EscKeeps() bool { return p.mode == modePatientWizard && p.wizard.escKeeps() }

func (p *Patients) listRows() int { return max(1, p.height-4) }

// pageSize is how many results a search asks for: the rows the list can show, so the
// search costs the same however many patients the clinic has.
func (p *Patients) pageSize() int { return min(200, max(p.listRows(), p.offset+p.listRows())) }

func (p *Patients) runSearch() tea.Cmd {
	p.seq++
	s, actor, q, seq, owner, limit := p.c.Store, p.c.Actor(), p.search.Value(), p.seq, p.owner, p.pageSize()+1
	p.asked, p.complete = limit, false
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		ps, err := s.SearchPatients(ctx, actor, q, limit)
		return searchMsg{owner: owner, seq: seq, patients: ps, err: err}
	}
}

func (p *Patients) clampList() {
	p.cursor = max(0, min(p.cursor, len(p.results)-1))
	rows := p.listRows()
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+rows {
		p.offset = p.cursor - rows + 1
	}
}

// Update routes a message to the part of the registry shown.
func (p *Patients) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	s, cmd := p.update(msg)
	if !p.complete && p.asked < p.pageSize()+1 {
		// The list grew taller than the latest search asked for, as when the desk opened
		// before the terminal's size was known and the search asked for one row: the
		// list showed two patients and the cursor could not go further. The frame sizes
		// a tab it does not show without a message, so this is checked after any: the
		// search's own answer at the latest.
		return s, tea.Batch(cmd, p.runSearch())
	}
	return s, cmd
}

func (p *Patients) update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case searchMsg:
		if msg.owner == p.owner && msg.seq == p.seq {
			p.results = msg.patients
			p.complete = msg.err == nil && len(msg.patients) < p.asked
			if msg.err != nil {
				p.message, p.failed, p.booked = common.ErrorText(msg.err), true, nil
			}
			p.clampList()
		}
		return p, nil
	case exportedMsg:
		p.exported(msg)
		return p, nil
	case common.StoreChangedMsg:
		if p.mode == modePatientWizard {
			return p, tea.Batch(p.storeChanged(msg), p.wizard.storeChanged(msg))
		}
		return p, p.storeChanged(msg)
	}
	switch p.mode {
	case modeForm, modeDuplicates:
		return p, p.updateForm(msg)
	case modePage:
		return p, p.updatePage(msg)
	case modePatientWizard:
		return p, p.updateWizard(msg)
	case modeEmergency:
		return p, p.updateEmergency(msg)
	case modeAccount:
		return p, p.updateAccount(msg)
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return p, p.listKey(msg)
	case tea.MouseMsg:
		p.click(msg)
	}
	return p, nil
}

// patientsHeadRows are the list's lines above its rows: the search and the column titles.
const patientsHeadRows = 2

// click selects the patient under a click (the frame gives the body's own cells).
func (p *Patients) click(msg tea.MouseMsg) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft || msg.Y < patientsHeadRows {
		return
	}
	if i := p.offset + msg.Y - patientsHeadRows; i < len(p.results) && i < p.offset+p.listRows() {
		p.message = ""
		p.cursor = i
	}
}

func (p *Patients) storeChanged(msg common.StoreChangedMsg) tea.Cmd {
	patients, appts := msg.Touches(store.TopicPatients), msg.Touches(store.TopicAppointments)
	var cmds []tea.Cmd
	if patients {
		cmds = append(cmds, p.runSearch())
	}
	if (patients || appts) && p.page != nil {
		cmds = append(cmds, p.page.load(p.c))
	}
	return tea.Batch(cmds...)
}

func (p *Patients) listKey(msg tea.KeyMsg) tea.Cmd {
	k := p.keys
	if p.searching {
		switch msg.Type {
		case tea.KeyEsc:
			p.searching = false
			p.search.Blur()
			if p.search.Value() != "" {
				p.search.SetValue("")
				p.cursor, p.offset = 0, 0
				return p.runSearch()
			}
			return nil
		case tea.KeyEnter:
			p.searching = false
			p.search.Blur()
			return p.open()
		case tea.KeyUp, tea.KeyDown:
			p.move(map[bool]int{true: -1, false: 1}[msg.Type == tea.KeyUp])
			return nil
		}
		before := p.search.Value()
		var cmd tea.Cmd
		p.search, cmd = p.search.Update(msg)
		if p.search.Value() != before {
			p.cursor, p.offset = 0, 0
			return tea.Batch(cmd, p.runSearch())
		}
		return cmd
	}
	p.message = ""
	bound := key.Matches(msg, k.New, k.Edit, k.Book, k.Up, k.Down, k.Home, k.End, k.Search)
	if stray, why := p.stray.Catch(msg, bound); stray {
		p.message, p.failed, p.booked = why, true, nil
		return nil
	}
	switch {
	case key.Matches(msg, k.Search):
		p.searching = true
		return p.search.Focus()
	case key.Matches(msg, k.Clear) && p.search.Value() != "":
		p.search.SetValue("")
		p.cursor, p.offset = 0, 0
		return p.runSearch()
	case key.Matches(msg, k.Up):
		p.move(-1)
	case key.Matches(msg, k.Down):
		return p.move(1)
	case key.Matches(msg, k.PageUp):
		p.move(-p.listRows())
	case key.Matches(msg, k.PageDown):
		return p.move(p.listRows())
	case key.Matches(msg, k.Home):
		p.move(-len(p.results))
	case key.Matches(msg, k.End):
		return p.move(len(p.results))
	case key.Matches(msg, k.Open):
		return p.open()
	case key.Matches(msg, k.New):
		return p.openForm(nil)
	case key.Matches(msg, k.Edit):
		if pt, ok := p.selected(); ok {
			return p.openForm(&pt)
		}
	case key.Matches(msg, k.Book):
		if pt, ok := p.selected(); ok {
			return p.startBooking(pt)
		}
	}
	return nil
}

// move moves the cursor; past the last result loaded it asks for the next page.
func (p *Patients) move(n int) tea.Cmd {
	p.cursor += n
	more := p.cursor >= len(p.results) && len(p.results) > p.pageSize()-1 && p.pageSize() < 200
	p.clampList()
	if more {
		p.offset = min(p.offset+p.listRows(), 200-p.listRows())
		return p.runSearch()
	}
	return nil
}

func (p *Patients) selected() (store.Patient, bool) {
	if p.cursor < len(p.results) {
		return p.results[p.cursor], true
	}
	return store.Patient{}, false
}

func (p *Patients) open() tea.Cmd {
	pt, ok := p.selected()
	if !ok {
		return nil
	}
	return p.showPage(pt)
}

func (p *Patients) startBooking(pt store.Patient) tea.Cmd {
	w, cmd := bookFor(p.c, &pt, 0, p.c.Store.Now())
	p.wizard, p.mode = w, modePatientWizard
	return cmd
}

func (p *Patients) updateWizard(msg tea.Msg) tea.Cmd {
	cmd := p.wizard.update(msg)
	switch {
	case p.wizard.done != nil:
		p.message, p.failed, p.booked = p.wizard.done.text, false, p.wizard.done
		p.wizard = nil
		if p.page != nil {
			p.mode = modePage
			return tea.Batch(cmd, p.page.load(p.c))
		}
		p.mode = modeList
	case p.wizard.closed:
		p.wizard = nil
		p.mode = modeList
		if p.page != nil {
			p.mode = modePage
		}
	}
	return cmd
}

// ShortHelp lists the keys that matter now.
func (p *Patients) ShortHelp() []key.Binding {
	k := p.keys
	switch p.mode {
	case modeForm, modeAccount:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / save")), k.Back}
	case modeDuplicates:
		return p.form.dupHelp()
	case modePage:
		if emergency.Available(p.c) {
			return []key.Binding{k.Book, k.Edit, k.Account, k.Export, k.Emergency, k.Back}
		}
		return []key.Binding{k.Book, k.Edit, k.Account, k.Export, k.Back}
	case modePatientWizard:
		return p.wizard.help()
	case modeEmergency:
		return p.emergency.ShortHelp()
	}
	if p.searching {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")), k.Clear}
	}
	return []key.Binding{k.Search, k.Open, k.Book, k.New, k.Edit}
}

// FullHelp lists every key of what is shown: the list's keys on the list, and only the
// page's keys on a patient's page.
func (p *Patients) FullHelp() [][]key.Binding {
	k := p.keys
	if p.mode != modeList {
		return [][]key.Binding{p.ShortHelp()}
	}
	actions := []key.Binding{k.Open, k.Book, k.New, k.Edit}
	return [][]key.Binding{{k.Search, k.Up, k.Down, k.PageUp, k.PageDown}, actions}
}

// View draws the registry.
func (p *Patients) View() string {
	switch p.mode {
	case modeForm, modeDuplicates:
		return p.form.view(p.c, p.width, p.mode == modeDuplicates)
	case modePage:
		return p.page.view(p.c, p.width, p.height, p.message)
	case modePatientWizard:
		return p.wizard.view(p.width, p.height)
	case modeEmergency:
		return p.emergency.View()
	case modeAccount:
		return p.account.view(p.c, p.width)
	}
	st := p.c.Styles
	p.drawn.at(p.results, p.width)
	lines := make([]string, 1, max(2, p.height))
	switch {
	case !p.searching && p.search.Value() == "":
		lines[0] = p.drawn.fixed(&p.drawn.hint, func() string {
			return st.Faint.Render("/ search by name, phone, code or email · newest first")
		})
	case len(p.results) > p.pageSize():
		lines[0] = p.search.View() + st.Faint.Render(fmt.Sprintf("  %d+ found", p.pageSize()))
	default:
		lines[0] = p.search.View() + st.Faint.Render(fmt.Sprintf("  %d found", len(p.results)))
	}
	lines = append(lines, p.drawn.fixed(&p.drawn.head, func() string {
		return st.Bold.Render(fit(fmt.Sprintf("%-10s %-26s %-10s %-16s %s", "Code", "Name", "Born", "Phone", "Email"), p.width))
	}))
	end := min(len(p.results), p.offset+p.listRows())
	for i := p.offset; i < end; i++ {
		line := p.drawn.row(i)
		if i == p.cursor {
			line = st.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	if len(p.results) == 0 {
		lines = append(lines, st.Faint.Render("No patient matches. a: register a new patient"))
	}
	for len(lines) < p.height-1 {
		lines = append(lines, "")
	}
	switch {
	case p.message != "" && p.failed:
		lines = append(lines, st.Error.Render(fit(p.message, p.width)))
	case p.message != "":
		lines = append(lines, st.Success.Render(fit(p.message, p.width)))
	}
	return strings.Join(lines, "\n")
}

// drawnRows keeps the registry's result rows as drawn: a row is drawn from its patient
// and the width alone, and a key that moves the cursor changes neither, so each frame
// draws only the selection again (every frame drew every row: a sixth of the desk's
// CPU at 50 SSH sessions pressing keys, issue 17). The column heads and the search's
// hint, drawn from the width alone, are kept too.
type drawnRows struct {
	of         []store.Patient // the results drawn from, by identity
	width      int
	rows       []string // "" until drawn
	head, hint string   // "" until drawn
}

// at readies the rows of these results at this width, dropping what was drawn from
// other results or at another width.
func (d *drawnRows) at(results []store.Patient, width int) {
	if d.width != width {
		d.head, d.hint = "", ""
	}
	if d.width != width || len(d.of) != len(results) || len(results) > 0 && &d.of[0] != &results[0] {
		d.of, d.width, d.rows = results, width, make([]string, len(results))
	}
}

// fixed returns head or hint, drawing it if it is not drawn yet.
func (d *drawnRows) fixed(line *string, draw func() string) string {
	if *line == "" {
		*line = draw()
	}
	return *line
}

// row is result i as drawn.
func (d *drawnRows) row(i int) string {
	if d.rows[i] == "" {
		pt := d.of[i]
		d.rows[i] = fit(fmt.Sprintf("%-10s %-26s %-10s %-16s %s", common.Safe(pt.Code), fit(common.Safe(pt.FirstName+" "+pt.LastName), 26),
			pt.DateOfBirth.Format("2006-01-02"), fit(common.Safe(pt.Phone), 16), common.Safe(pt.Email)), d.width)
	}
	return d.rows[i]
}
