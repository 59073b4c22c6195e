package keys

import "github.com/charmbracelet/bubbles/key"

// Book are the appointment book's keys: moving over the day grid, dates, and what can
// be done to the selected appointment.
type Book struct {
	List
	Left, Right key.Binding
	PrevDay     key.Binding
	NextDay     key.Binding
	Today       key.Binding
	GoToDate    key.Binding
	Week        key.Binding
	Waiting     key.Binding
	New         key.Binding
	Confirm     key.Binding
	CheckIn     key.Binding
	NoShow      key.Binding
	Cancel      key.Binding
	Reschedule  key.Binding
	Pay         key.Binding
	FollowUp    key.Binding
	Back        key.Binding
}

// NewBook returns the appointment book's bindings.
func NewBook() Book {
	return Book{
		List:       NewList(),
		Left:       key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "doctor")),
		Right:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "doctor")),
		PrevDay:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous day")),
		NextDay:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next day")),
		Today:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "today")),
		GoToDate:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "go to date")),
		Week:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "week/day")),
		Waiting:    key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "waiting room")),
		New:        key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "book")),
		Confirm:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "confirm")),
		CheckIn:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "check in")),
		NoShow:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "no-show")),
		Cancel:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "cancel")),
		Reschedule: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reschedule")),
		Pay:        key.NewBinding(key.WithKeys("$"), key.WithHelp("$", "payment")),
		FollowUp:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow-ups")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// Patients are the patient registry's keys.
type Patients struct {
	List
	New       key.Binding
	Edit      key.Binding
	Book      key.Binding
	Emergency key.Binding
	Account   key.Binding
	Export    key.Binding
	Clear     key.Binding
	Back      key.Binding
}

// NewPatients returns the patient registry's bindings.
func NewPatients() Patients {
	return Patients{
		List:      NewList(),
		New:       key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "register")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Book:      key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "book")),
		Emergency: key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "emergency chart")),
		Account:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "give account")),
		Export:    key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "export record")),
		Clear:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// Calendars are the keys of the doctors' calendars.
type Calendars struct {
	List
	AddHours   key.Binding
	AddLeave   key.Binding
	AddHoliday key.Binding
	Remove     key.Binding
	Back       key.Binding
	Rebook     Rebook
}

// Rebook are the keys of the appointments a new leave or holiday moves: the list, the
// choice of where each goes, and the one save.
type Rebook struct {
	Up, Down   key.Binding
	Prev, Next key.Binding
	Save       key.Binding
	Back       key.Binding
}

// NewCalendars returns the calendars' bindings.
func NewCalendars() Calendars {
	return Calendars{
		Rebook: Rebook{
			Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			Prev: key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous slot")),
			Next: key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "another slot")),
			Save: key.NewBinding(key.WithKeys("s", "ctrl+s"), key.WithHelp("s", "save and move all")),
			Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "discard")),
		},
		List:       NewList(),
		AddHours:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add hours")),
		AddLeave:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "add leave")),
		AddHoliday: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "add holiday")),
		Remove:     key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "remove")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// Picker are the keys of a step of a wizard that picks from a list.
type Picker struct {
	Up, Down key.Binding
	Choose   key.Binding
	Back     key.Binding
}

// NewPicker returns a picker's bindings.
func NewPicker() Picker {
	return Picker{
		Up:     key.NewBinding(key.WithKeys("up", "ctrl+k", "ctrl+p"), key.WithHelp("↑", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "ctrl+j", "ctrl+n"), key.WithHelp("↓", "down")),
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}
