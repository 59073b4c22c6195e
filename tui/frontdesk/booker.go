package frontdesk

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// bookerKind is what the booking wizard does with the slot it ends on.
type bookerKind int

const (
	bookNew        bookerKind = iota // book a new visit
	bookReschedule                   // move an appointment
	bookPlace                        // place a follow-up visit the series could not book
)

type bookerStep int

const (
	stepPatient bookerStep = iota
	stepDoctor
	stepSlot
	stepReason
)

// slotPage is how many free slots a page of the slot step lists (and queries).
const slotPage = 8

// doctorChoice is a line of the doctor step: a doctor, or the first free doctor of a
// speciality.
type doctorChoice struct {
	doctor     store.Doctor
	speciality string
}

func (d doctorChoice) label(currency string) string {
	if d.speciality != "" {
		return "First free with " + common.Safe(d.speciality)
	}
	s := doctorName(d.doctor.Name)
	if len(d.doctor.Specialisations) > 0 {
		s += " — " + common.Safe(strings.Join(d.doctor.Specialisations, ", "))
	}
	return s + " · " + money.Cents(d.doctor.FeeCents).Format(currency)
}

type (
	bookerPatientsMsg struct {
		owner    int64
		seq      int
		patients []store.Patient
		err      error
	}
	bookerDoctorsMsg struct {
		owner   int64
		doctors []store.Doctor
		err     error
	}
	bookerSlotsMsg struct {
		owner int64
		seq   int
		slots []store.Slot
		err   error
	}
	bookerDoneMsg struct {
		owner int64
		id    int64
		err   error
	}
)

// booked is how a wizard ended: the appointment booked or moved, and where.
type booked struct {
	id       int64
	doctorID int64
	start    time.Time
	text     string
}

// booker is the booking wizard: patient (search), doctor or speciality, one of the next
// free slots, reason. Every step keeps what was chosen, so esc goes back a step without
// losing anything and a refused booking leaves the wizard as it was.
type booker struct {
	c     *common.Common
	owner int64
	kind  bookerKind
	keys  keys.Picker
	list  keys.List
	step  bookerStep

	search    textinput.Model
	searchSeq int
	patients  []store.Patient
	pCursor   int
	patient   store.Patient
	searched  bool // the patient was chosen in the wizard's own search

	choices []doctorChoice
	dCursor int
	doctor  doctorChoice
	wantDoc int64 // the doctor to put the cursor on when the list arrives

	slots   []store.Slot
	sCursor int
	from    time.Time // the first instant the slot page looks from
	slotSeq int
	keepErr bool // the next list of slots keeps the error shown (a refusal)
	loading bool
	slot    store.Slot

	reason textinput.Model
	appt   store.Appointment // the appointment moved, or the one a follow-up copies

	busy   bool
	err    string
	done   *booked // set when the wizard has booked
	closed bool    // set when the user left the wizard
}

func newBooker(c *common.Common, kind bookerKind) *booker {
	b := &booker{c: c, owner: newOwner(), kind: kind, keys: keys.NewPicker(), list: keys.NewList()}
	b.search = textinput.New()
	b.search.Prompt = "Patient: "
	b.search.Placeholder = "name, phone, code or email"
	b.search.CharLimit = 80
	b.reason = textinput.New()
	b.reason.Prompt = "Reason: "
	b.reason.Placeholder = "optional"
	b.reason.CharLimit = 500
	return b
}

// bookFor starts a new booking: at the patient search, or at the doctor step when the
// patient is known. doctorID, when not 0, is where the doctor list's cursor starts.
func bookFor(c *common.Common, patient *store.Patient, doctorID int64, from time.Time) (*booker, tea.Cmd) {
	b := newBooker(c, bookNew)
	b.wantDoc, b.from = doctorID, from
	if patient != nil {
		b.patient = *patient
		b.step = stepDoctor
		return b, b.loadDoctors()
	}
	b.step, b.searched = stepPatient, true
	return b, tea.Batch(b.search.Focus(), b.searchPatients())
}

// rescheduleFor starts moving an appointment: its doctor's free slots from its day.
func rescheduleFor(c *common.Common, a store.Appointment) (*booker, tea.Cmd) {
	b := newBooker(c, bookReschedule)
	b.appt = a
	b.doctor = doctorChoice{doctor: store.Doctor{ID: a.DoctorID, Name: a.DoctorName}}
	b.step = stepSlot
	b.from = localDay(a.Start, c.Settings.Location())
	return b, b.loadSlots()
}

// placeFor starts placing by hand a follow-up visit that collided: the same patient,
// doctor and reason, free slots from the day it was meant for.
func placeFor(c *common.Common, a store.Appointment, meant time.Time) (*booker, tea.Cmd) {
	b := newBooker(c, bookPlace)
	b.appt = a
	b.patient = store.Patient{ID: a.PatientID}
	b.doctor = doctorChoice{doctor: store.Doctor{ID: a.DoctorID, Name: a.DoctorName}}
	b.reason.SetValue(a.Reason)
	b.step = stepSlot
	b.from = localDay(meant, c.Settings.Location())
	return b, b.loadSlots()
}

// typing reports whether a text field has focus.
func (b *booker) typing() bool { return b.step == stepPatient || b.step == stepReason }

// escKeeps reports that esc only goes back a step, keeping every choice (see back):
// the desk need not ask before it.
func (b *booker) escKeeps() bool {
	_, ok := b.previous()
	return ok
}

// dirty reports a half-made booking.
func (b *booker) dirty() bool {
	return b.kind == bookNew && (b.patient.ID != 0 || b.search.Value() != "")
}

func (b *booker) searchPatients() tea.Cmd {
	b.searchSeq++
	s, actor, q, seq, owner := b.c.Store, b.c.Actor(), b.search.Value(), b.searchSeq, b.owner
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		ps, err := s.SearchPatients(ctx, actor, q, slotPage)
		return bookerPatientsMsg{owner: owner, seq: seq, patients: ps, err: err}
	}
}

func (b *booker) loadDoctors() tea.Cmd {
	s, actor, owner := b.c.Store, b.c.Actor(), b.owner
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		ds, err := s.Doctors(ctx, actor)
		return bookerDoctorsMsg{owner: owner, doctors: ds, err: err}
	}
}

// takeSlots shows a new list of free slots, keeping the cursor on the slot it was on
// when that one is still free, and a refusal's words when the list follows one.
func (b *booker) takeSlots(msg bookerSlotsMsg) {
	var was time.Time
	if b.sCursor < len(b.slots) {
		was = b.slots[b.sCursor].Start
	}
	b.slots, b.sCursor = msg.slots, 0
	for i, sl := range msg.slots {
		if sl.Start.Equal(was) {
			b.sCursor = i
		}
	}
	if msg.err != nil || !b.keepErr {
		b.err = common.ErrorText(msg.err)
	}
	b.keepErr = false
}

// storeChanged lists the free slots again when the book or a calendar changed while
// they are shown (or behind the reason), so a slot another desk just took is no
// longer offered.
func (b *booker) storeChanged(msg common.StoreChangedMsg) tea.Cmd {
	if b.step < stepSlot || b.busy || !msg.Touches(store.TopicAppointments, store.TopicCalendars) {
		return nil
	}
	b.keepErr = b.err != ""
	return b.refreshSlots()
}

// refreshSlots lists the same slots again, live: the list shown stays usable (enter
// chooses from it) until the new one comes, unlike a load of another day.
func (b *booker) refreshSlots() tea.Cmd {
	cmd := b.loadSlots()
	b.loading = false
	return cmd
}

func (b *booker) loadSlots() tea.Cmd {
	b.slotSeq++
	b.loading = true
	s, actor, owner, seq, from, d := b.c.Store, b.c.Actor(), b.owner, b.slotSeq, b.from, b.doctor
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		var slots []store.Slot
		var err error
		if d.speciality != "" {
			slots, err = s.FirstFreeWithSpeciality(ctx, actor, d.speciality, from, slotPage)
		} else {
			slots, err = s.NextFreeSlots(ctx, actor, d.doctor.ID, from, slotPage)
		}
		return bookerSlotsMsg{owner: owner, seq: seq, slots: slots, err: err}
	}
}

// save books, moves or places the chosen slot.
func (b *booker) save() tea.Cmd {
	b.busy, b.err = true, ""
	s, actor, owner, kind := b.c.Store, b.c.Actor(), b.owner, b.kind
	in := store.BookingInput{PatientID: b.patient.ID, DoctorID: b.slot.DoctorID, Start: b.slot.Start,
		Reason: b.reason.Value(), SeriesID: b.appt.SeriesID}
	apptID := b.appt.ID
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		if kind == bookReschedule {
			return bookerDoneMsg{owner: owner, id: apptID, err: s.Reschedule(ctx, actor, apptID, in.Start)}
		}
		id, err := s.Book(ctx, actor, in)
		return bookerDoneMsg{owner: owner, id: id, err: err}
	}
}

func (b *booker) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case bookerPatientsMsg:
		if msg.owner == b.owner && msg.seq == b.searchSeq {
			b.patients, b.err = msg.patients, common.ErrorText(msg.err)
			b.pCursor = min(b.pCursor, max(0, len(b.patients)-1))
		}
		return nil
	case bookerDoctorsMsg:
		if msg.owner == b.owner {
			b.setDoctors(msg.doctors)
			b.err = common.ErrorText(msg.err)
		}
		return nil
	case bookerSlotsMsg:
		if msg.owner == b.owner && msg.seq == b.slotSeq {
			b.loading = false
			b.takeSlots(msg)
		}
		return nil
	case bookerDoneMsg:
		if msg.owner != b.owner {
			return nil
		}
		b.busy = false
		if msg.err != nil {
			// Refused, most often because another desk took the slot: say so and
			// list the slots as they are now.
			b.err, b.keepErr = common.ErrorText(msg.err), true
			if b.step >= stepSlot {
				return b.refreshSlots()
			}
			return nil
		}
		b.done = &booked{id: msg.id, doctorID: b.slot.DoctorID, start: b.slot.Start, text: b.doneText()}
		return nil
	case tea.KeyMsg:
		if b.busy {
			return nil
		}
		return b.key(msg)
	}
	return nil
}

func (b *booker) doneText() string {
	when := shortWhen(b.slot.Start, b.c.Settings.Location())
	who := doctorName(b.slot.DoctorName)
	if b.slot.DoctorName == "" {
		who = doctorName(b.doctor.doctor.Name)
	}
	switch b.kind {
	case bookReschedule:
		return fmt.Sprintf("Moved %s to %s with %s.", b.appt.Code, when, who)
	case bookPlace:
		return fmt.Sprintf("Follow-up booked %s with %s.", when, who)
	}
	return fmt.Sprintf("Booked %s with %s at %s.", common.Safe(b.patient.FirstName+" "+b.patient.LastName), who, when)
}

// setDoctors lists the doctors, then "first free" for each speciality.
func (b *booker) setDoctors(doctors []store.Doctor) {
	b.choices = b.choices[:0]
	specs := map[string]bool{}
	for _, d := range doctors {
		b.choices = append(b.choices, doctorChoice{doctor: d})
		for _, s := range d.Specialisations {
			specs[s] = true
		}
	}
	var names []string
	for s := range specs {
		names = append(names, s)
	}
	sort.Strings(names)
	for _, s := range names {
		b.choices = append(b.choices, doctorChoice{speciality: s})
	}
	for i, ch := range b.choices {
		if ch.speciality == "" && ch.doctor.ID == b.wantDoc {
			b.dCursor = i
		}
	}
}

func (b *booker) key(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, b.keys.Back) {
		return b.back()
	}
	b.err = ""
	switch b.step {
	case stepPatient:
		switch {
		case key.Matches(msg, b.keys.Up):
			b.pCursor = max(0, b.pCursor-1)
		case key.Matches(msg, b.keys.Down):
			b.pCursor = min(len(b.patients)-1, b.pCursor+1)
		case key.Matches(msg, b.keys.Choose):
			if len(b.patients) == 0 {
				b.err = "No patient matches; register them on the Patients tab first."
				return nil
			}
			b.patient = b.patients[b.pCursor]
			b.step = stepDoctor
			b.search.Blur()
			return b.loadDoctors()
		default:
			before := b.search.Value()
			var cmd tea.Cmd
			b.search, cmd = b.search.Update(msg)
			if b.search.Value() != before {
				b.pCursor = 0
				return tea.Batch(cmd, b.searchPatients())
			}
			return cmd
		}
	case stepDoctor:
		switch {
		case key.Matches(msg, b.keys.Up, b.list.Up):
			b.dCursor = max(0, b.dCursor-1)
		case key.Matches(msg, b.keys.Down, b.list.Down):
			b.dCursor = min(len(b.choices)-1, b.dCursor+1)
		case key.Matches(msg, b.keys.Choose):
			if len(b.choices) == 0 {
				return nil
			}
			b.doctor = b.choices[b.dCursor]
			b.step, b.slots = stepSlot, nil
			return b.loadSlots()
		}
	case stepSlot:
		return b.slotKey(msg)
	case stepReason:
		if key.Matches(msg, b.keys.Choose) {
			return b.save()
		}
		var cmd tea.Cmd
		b.reason, cmd = b.reason.Update(msg)
		return cmd
	}
	return nil
}

func (b *booker) slotKey(msg tea.KeyMsg) tea.Cmd {
	loc := b.c.Settings.Location()
	switch {
	case key.Matches(msg, b.keys.Up, b.list.Up):
		b.sCursor = max(0, b.sCursor-1)
	case key.Matches(msg, b.keys.Down, b.list.Down):
		if b.sCursor == len(b.slots)-1 && len(b.slots) == slotPage {
			b.from = b.slots[len(b.slots)-1].Start.Add(time.Minute)
			return b.loadSlots()
		}
		b.sCursor = min(len(b.slots)-1, b.sCursor+1)
	case key.Matches(msg, b.list.PageDown), msg.String() == "]":
		day := b.from
		if len(b.slots) > 0 {
			day = b.slots[0].Start
		}
		b.from = addDays(localDay(day, loc), 1)
		return b.loadSlots()
	case key.Matches(msg, b.list.PageUp), msg.String() == "[":
		day := b.from
		if len(b.slots) > 0 {
			day = b.slots[0].Start
		}
		b.from = addDays(localDay(day, loc), -1)
		return b.loadSlots()
	case key.Matches(msg, b.keys.Choose):
		if len(b.slots) == 0 || b.loading {
			return nil
		}
		b.slot = b.slots[b.sCursor]
		if b.kind != bookNew {
			return b.save()
		}
		b.step = stepReason
		return b.reason.Focus()
	}
	return nil
}

// back goes back one step, or leaves the wizard from its first step.
func (b *booker) back() tea.Cmd {
	b.err = ""
	prev, ok := b.previous()
	if !ok {
		b.closed = true
		return nil
	}
	b.reason.Blur()
	b.step = prev
	if prev == stepPatient {
		return b.search.Focus()
	}
	return nil
}

// previous is the step esc goes back to; none from the wizard's first step.
func (b *booker) previous() (bookerStep, bool) {
	switch {
	case b.step == stepReason:
		return stepSlot, true
	case b.step == stepSlot && b.kind == bookNew:
		return stepDoctor, true
	case b.step == stepDoctor && b.searched:
		return stepPatient, true
	}
	return 0, false
}

func (b *booker) help() []key.Binding {
	switch b.step {
	case stepSlot:
		return []key.Binding{b.keys.Choose, key.NewBinding(key.WithKeys("]"), key.WithHelp("]/[", "next/prev day")), b.keys.Back}
	case stepReason:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "book")), b.keys.Back}
	}
	return []key.Binding{b.keys.Up, b.keys.Down, b.keys.Choose, b.keys.Back}
}

func (b *booker) view(width, height int) string {
	st := b.c.Styles
	loc := b.c.Settings.Location()
	var out []string
	title := map[bookerKind]string{bookNew: "Book an appointment", bookReschedule: "Reschedule " + b.appt.Code,
		bookPlace: "Place a follow-up visit"}[b.kind]
	out = append(out, st.Title.Render(title))
	if b.patient.ID != 0 && b.kind == bookNew {
		out = append(out, st.Label.Render("Patient")+common.Safe(b.patient.FirstName+" "+b.patient.LastName)+
			st.Faint.Render(" "+b.patient.Code))
	}
	if b.kind != bookNew {
		out = append(out, st.Label.Render("Patient")+common.Safe(b.appt.PatientName)+st.Faint.Render(" "+b.appt.PatientCode))
	}
	if b.step > stepDoctor {
		who := doctorName(b.doctor.doctor.Name)
		if b.doctor.speciality != "" {
			who = "first free with " + common.Safe(b.doctor.speciality)
		}
		out = append(out, st.Label.Render("Doctor")+who)
	}
	if b.step == stepReason {
		out = append(out, st.Label.Render("When")+shortWhen(b.slot.Start, loc)+"–"+b.slot.End.In(loc).Format("15:04")+
			" with "+doctorName(b.slot.DoctorName))
		for _, ch := range b.choices {
			if ch.speciality == "" && ch.doctor.ID == b.slot.DoctorID {
				out = append(out, st.Label.Render("Fee")+money.Cents(ch.doctor.FeeCents).Format(b.c.Settings.Currency))
			}
		}
	}
	out = append(out, "")
	rows := max(3, height-len(out)-3)
	switch b.step {
	case stepPatient:
		out = append(out, b.search.View())
		for i, p := range b.patients[:min(len(b.patients), rows)] {
			line := fit(p.Code+"  "+common.Safe(p.FirstName+" "+p.LastName)+"  "+p.DateOfBirth.Format("2006-01-02")+
				"  "+common.Safe(p.Phone), width-2)
			out = append(out, b.row(line, i == b.pCursor))
		}
		if len(b.patients) == 0 {
			out = append(out, st.Faint.Render("No patient matches."))
		}
	case stepDoctor:
		out = append(out, st.Bold.Render("Choose the doctor"))
		first := max(0, b.dCursor-rows+1)
		for i := first; i < min(len(b.choices), first+rows); i++ {
			out = append(out, b.row(fit(b.choices[i].label(b.c.Settings.Currency), width-2), i == b.dCursor))
		}
	case stepSlot:
		out = append(out, st.Bold.Render("Next free slots")+st.Faint.Render(" from "+dayTitle(localDay(b.from, loc))))
		for i, s := range b.slots {
			line := shortWhen(s.Start, loc) + "–" + s.End.In(loc).Format("15:04")
			if b.doctor.speciality != "" {
				line += "  " + doctorName(s.DoctorName)
			}
			out = append(out, b.row(fit(line, width-2), i == b.sCursor))
		}
		switch {
		case b.loading:
			out = append(out, st.Faint.Render("Looking for free slots…"))
		case len(b.slots) == 0 && b.err == "":
			out = append(out, st.Warning.Render("No free slot in the next 90 days from this date."))
		}
	case stepReason:
		out = append(out, b.reason.View(), st.Faint.Render("enter: book · esc: back to the slots"))
	}
	out = append(out, "")
	switch {
	case b.busy:
		out = append(out, st.Faint.Render("Saving…"))
	case b.err != "":
		out = append(out, st.Error.Width(width).Render(common.Safe(b.err)))
	}
	return strings.Join(out, "\n")
}

func (b *booker) row(line string, selected bool) string {
	if selected {
		return b.c.Styles.Selected.Render("› " + line)
	}
	return "  " + line
}
