// Package keys is the one place that defines ClinicDesk's key bindings. Screens embed
// or extend these; help text comes from the bindings themselves.
package keys

import "github.com/charmbracelet/bubbles/key"

// Global are the frame's keys, valid on every screen.
type Global struct {
	NextTab key.Binding
	PrevTab key.Binding
	Help    key.Binding
	// HelpAnywhere opens the help even over a text field, which reads no f1.
	HelpAnywhere key.Binding
	Back         key.Binding
	Quit         key.Binding
	ForceQuit    key.Binding
	Logout       key.Binding
	Inbox        key.Binding
}

// NewGlobal returns the frame's bindings. A fresh value per session: bindings are
// enabled and disabled per screen, so they must not be shared.
func NewGlobal() Global {
	return Global{
		NextTab:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next tab")),
		PrevTab:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous tab")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		HelpAnywhere: key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "all keys")),
		Back:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit:         key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Logout:       key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "log out")),
		Inbox:        key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "notifications")),
	}
}

// List are the keys of every list: arrows and vim keys.
type List struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Open     key.Binding
	Search   key.Binding
}

// NewList returns the list bindings.
func NewList() List {
	return List{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Search:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
	}
}

// Filter are the keys of a list's filter (common.Filter): / starts it, what is typed
// narrows the list, enter (or ↑/↓) keeps it, esc clears it.
type Filter struct {
	Start key.Binding
	Keep  key.Binding
	Clear key.Binding
}

// NewFilter returns the filter's bindings.
func NewFilter() Filter {
	return Filter{
		Start: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Keep:  key.NewBinding(key.WithKeys("enter", "up", "down"), key.WithHelp("enter", "keep filter")),
		Clear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
}

// Confirm are the keys of a yes/no question.
type Confirm struct {
	Yes key.Binding
	No  key.Binding
}

// NewConfirm returns the yes/no bindings.
func NewConfirm() Confirm {
	return Confirm{
		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
	}
}

// Admin are the keys of the admin's Users, Settings and Audit tabs.
type Admin struct {
	New        key.Binding
	Edit       key.Binding
	Messages   key.Binding
	Outbox     key.Binding
	Deactivate key.Binding
	Reactivate key.Binding
	Password   key.Binding
	SSHKeys    key.Binding
	AddKey     key.Binding
	RemoveKey  key.Binding
	Filter     key.Binding
	AccessLog  key.Binding
	ClearAll   key.Binding
	NextPage   key.Binding
	PrevPage   key.Binding
	Back       key.Binding
}

// NewAdmin returns the admin tabs' bindings.
func NewAdmin() Admin {
	return Admin{
		New:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new user")),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Messages:   key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "e-mail and SMS")),
		Outbox:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outbox")),
		Deactivate: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "deactivate")),
		Reactivate: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reactivate")),
		Password:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "reset password")),
		SSHKeys:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "SSH keys")),
		AddKey:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add key")),
		RemoveKey:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "remove key")),
		Filter:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter")),
		AccessLog:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "access log")),
		ClearAll:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clear filter")),
		NextPage:   key.NewBinding(key.WithKeys("pgdown", "ctrl+d", "]"), key.WithHelp("pgdn/]", "older")),
		PrevPage:   key.NewBinding(key.WithKeys("pgup", "ctrl+u", "["), key.WithHelp("pgup/[", "newer")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// Outbox are the keys of the admin's Outbox tab.
type Outbox struct {
	List
	NextState key.Binding
	PrevState key.Binding
	Retry     key.Binding
	Cancel    key.Binding
}

// NewOutbox returns the Outbox tab's bindings.
func NewOutbox() Outbox {
	return Outbox{
		List:      NewList(),
		NextState: key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next state")),
		PrevState: key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous state")),
		Retry:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "try again")),
		Cancel:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "cancel message")),
	}
}

// Notifications are the keys of the notifications tab.
type Notifications struct {
	List
	MarkRead    key.Binding
	MarkAllRead key.Binding
}

// NewNotifications returns the notifications tab's bindings: enter opens what the
// notification names (and marks it read).
func NewNotifications() Notifications {
	l := NewList()
	l.Open = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open"))
	return Notifications{
		List:        l,
		MarkRead:    key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark read")),
		MarkAllRead: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "mark all read")),
	}
}

// PatientVisits are the keys of a patient's own appointments tab.
type PatientVisits struct {
	List
	Cancel key.Binding
	Confirm
}

// NewPatientVisits returns the patient's appointments bindings.
func NewPatientVisits() PatientVisits {
	return PatientVisits{
		List:    NewList(),
		Cancel:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "ask to cancel")),
		Confirm: NewConfirm(),
	}
}
