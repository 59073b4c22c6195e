package frontdesk

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/emergency"
)

// pageRows bounds each list of the patient's page: it shows the nearest few.
const pageRows = 3

// upcomingRows is how many upcoming visits the page reads: it shows the nearest
// pageRows and counts the rest ("+2 more"). A patient's future visits are few.
const upcomingRows = 100

// patientPage is one patient: demographics, upcoming and past appointments, payments due.
type patientPage struct {
	owner    int64
	patient  store.Patient
	upcoming []store.Appointment
	past     []store.Appointment
	due      []store.Appointment
	reloads  common.Reloads
	err      string
	// exportArmed: the export key was pressed once and the page asked; pressed again, it
	// exports, any other key disarms it.
	exportArmed bool
}

type pageMsg struct {
	stamp    uint64
	owner    int64
	patient  store.Patient
	upcoming []store.Appointment
	past     []store.Appointment
	due      []store.Appointment
	err      error
}

// accountLabel says whether the patient can log in to see their own records.
func accountLabel(p store.Patient) string {
	if p.UserID != 0 {
		return "can log in"
	}
	return "none (u: give one)"
}

// showPage opens a patient's page and loads what it shows.
func (p *Patients) showPage(pt store.Patient) tea.Cmd {
	p.page, p.mode = &patientPage{owner: newOwner(), patient: pt}, modePage
	p.keys.Account.SetEnabled(pt.UserID == 0)
	return p.page.load(p.c)
}

func (pg *patientPage) load(c *common.Common) tea.Cmd {
	s, actor, owner, id, stamp := c.Store, c.Actor(), pg.owner, pg.patient.ID, pg.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := pageMsg{stamp: stamp, owner: owner}
		if msg.patient, msg.err = s.Patient(ctx, actor, id); msg.err != nil {
			return msg
		}
		if msg.upcoming, msg.err = s.PatientAppointments(ctx, actor, id, true, upcomingRows); msg.err != nil {
			return msg
		}
		if msg.past, msg.err = s.PatientAppointments(ctx, actor, id, false, pageRows); msg.err != nil {
			return msg
		}
		msg.due, msg.err = s.PaymentsDue(ctx, actor, id)
		return msg
	}
}

// stillBooked reports whether the upcoming visits hold the booked one at its time.
func stillBooked(upcoming []store.Appointment, b booked) bool {
	for _, a := range upcoming {
		if a.ID == b.id {
			return a.Start.Equal(b.start)
		}
	}
	return false
}

func (p *Patients) updatePage(msg tea.Msg) tea.Cmd {
	pg := p.page
	switch msg := msg.(type) {
	case pageMsg:
		if msg.owner == pg.owner && pg.reloads.Newest(msg.stamp) {
			if msg.err != nil {
				pg.err = common.ErrorText(msg.err)
				return nil
			}
			pg.patient, pg.upcoming, pg.past, pg.due, pg.err = msg.patient, msg.upcoming, msg.past, msg.due, ""
			p.keys.Account.SetEnabled(pg.patient.UserID == 0)
			if p.booked != nil && !stillBooked(pg.upcoming, *p.booked) {
				p.message, p.booked = "", nil
			}
		}
	case tea.KeyMsg:
		k := p.keys
		p.message, p.booked = "", nil // a later action's note replaces it, or none
		if pg.exportArmed {
			pg.exportArmed = false
			if key.Matches(msg, k.Export) {
				return p.export()
			}
			return nil
		}
		switch {
		case key.Matches(msg, k.Export):
			p.askExport()
		case key.Matches(msg, k.Back):
			p.page, p.mode = nil, modeList
		case key.Matches(msg, k.Edit):
			pt := pg.patient
			return p.openForm(&pt)
		case key.Matches(msg, k.Book):
			return p.startBooking(pg.patient)
		case key.Matches(msg, k.Account):
			return p.openAccountForm(pg.patient)
		case key.Matches(msg, k.Emergency) && emergency.Available(p.c):
			return p.openEmergency(pg.patient)
		}
	}
	return nil
}

func (pg *patientPage) view(c *common.Common, width, height int, message string) string {
	st := c.Styles
	pt := pg.patient
	loc := c.Settings.Location()
	out := []string{st.Title.Render(common.Safe(pt.FirstName+" "+pt.LastName)) + "  " + st.Badge.Render(pt.Code)}
	field := func(label, value string, width int) string {
		value = textsafe.Truncate(common.Safe(value), width-12)
		if value == "" {
			value = st.Faint.Render("—")
		}
		return st.Label.Width(12).Render(label) + value
	}
	age := ""
	if !pt.DateOfBirth.IsZero() {
		now := c.Store.Now()
		years := now.Year() - pt.DateOfBirth.Year()
		if now.YearDay() < pt.DateOfBirth.YearDay() {
			years--
		}
		age = fmt.Sprintf(" (%d)", years)
	}
	half := max(30, width/2)
	left := []string{
		field("Born", pt.DateOfBirth.Format("2006-01-02")+age, half-1),
		field("Sex", pt.Sex, half-1),
		field("Blood group", pt.BloodGroup, half-1),
		field("Phone", pt.Phone, half-1),
		field("Email", pt.Email, half-1),
	}
	right := []string{
		field("Address", pt.Address, width-half),
		field("Emergency", strings.TrimSpace(pt.EmergencyContactName+" "+pt.EmergencyContactPhone), width-half),
		field("Account", accountLabel(pt), width-half),
	}
	for i := range left {
		line := fit(left[i], half)
		if i < len(right) {
			line += right[i]
		}
		out = append(out, line)
	}
	// Consent per channel, across the page: what was agreed, when and by whom it was
	// recorded, each whole at 80 columns.
	out = append(out, field("By e-mail", consentText(pt.EmailConsent, loc), width),
		field("By SMS", consentText(pt.SMSConsent, loc), width))
	list := func(title string, appts []store.Appointment, empty string) {
		out = append(out, st.Bold.Render(title))
		if len(appts) == 0 {
			out = append(out, st.Faint.Render("  "+empty))
		}
		for i, a := range appts {
			if i == pageRows {
				more := fmt.Sprintf("  +%d more", len(appts)-pageRows)
				if len(appts) == upcomingRows {
					more = fmt.Sprintf("  +%d or more", len(appts)-pageRows)
				}
				out = append(out, st.Faint.Render(more))
				break
			}
			line := fmt.Sprintf("  %s %s  %s  %s", a.Code, shortWhen(a.Start, loc), doctorName(a.DoctorName), a.Status.Label())
			if a.Reason != "" {
				line += " · " + common.Safe(a.Reason)
			}
			out = append(out, st.StatusColour(string(a.Status)).Render(fit(line, width)))
		}
	}
	list("Upcoming", pg.upcoming, "none")
	list("Past", pg.past, "none")
	out = append(out, st.Bold.Render("Payments due"))
	if len(pg.due) == 0 {
		out = append(out, st.Faint.Render("  nothing due"))
	}
	var total int64
	for i, a := range pg.due {
		total += a.FeeCents
		if i < pageRows {
			out = append(out, st.Warning.Render(fit(fmt.Sprintf("  %s %s  %s", a.Code, shortWhen(a.Start, loc),
				money.Cents(a.FeeCents).Format(c.Settings.Currency)), width)))
		}
	}
	if len(pg.due) > 0 {
		out = append(out, st.Warning.Render(fmt.Sprintf("  %d due, %s in all — take payment on the Book tab ($)",
			len(pg.due), money.Cents(total).Format(c.Settings.Currency))))
	}
	// The message wraps rather than lose its end (an account's email, what to do next).
	var note string
	switch {
	case pg.err != "":
		note = st.Error.Width(width).Render(common.Safe(pg.err))
	case message != "":
		note = st.Success.Width(width).Render(common.Safe(message))
	}
	room := height - 1
	if note != "" {
		room = height - lipgloss.Height(note)
	}
	if len(out) > room {
		out = out[:max(0, room)]
	}
	if note != "" {
		out = append(out, note)
	}
	return strings.Join(out, "\n")
}

// openEmergency starts emergency access to the page's patient; the view replaces the
// page until it closes (esc, or the grant runs out), and nothing of the chart is kept.
func (p *Patients) openEmergency(pt store.Patient) tea.Cmd {
	p.emergency, p.mode = emergency.New(p.c, pt.ID, pt.FirstName+" "+pt.LastName), modeEmergency
	return p.emergency.Init()
}

func (p *Patients) updateEmergency(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	p.emergency, cmd = p.emergency.Update(msg)
	if p.emergency.Closed() {
		p.emergency, p.mode = nil, modePage
		return nil
	}
	return cmd
}

// consentText says a channel's recorded consent, when (the clinic's time) and by whom
// it was recorded: "yes, recorded 2 Dec 2026 14:05 by Hassan Othman".
func consentText(c store.Consent, loc *time.Location) string {
	if c.RecordedAt.IsZero() {
		return "no consent recorded (e to record it)"
	}
	answer := "no"
	if c.Granted {
		answer = "yes"
	}
	text := answer + ", recorded " + c.RecordedAt.In(loc).Format("2 Jan 2006 15:04")
	if c.RecordedBy != "" {
		text += " by " + c.RecordedBy
	}
	return text
}
