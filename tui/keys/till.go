package keys

import "github.com/charmbracelet/bubbles/key"

// Till are the keys of the till tab (front desk and pharmacy).
type Till struct {
	List
	Count   key.Binding
	PrevDay key.Binding
	NextDay key.Binding
	Today   key.Binding
}

// NewTill returns the till tab's bindings.
func NewTill() Till {
	l := NewList()
	l.Open = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "closed till's report"))
	return Till{
		List:    l,
		Count:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "count and close")),
		PrevDay: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "day before")),
		NextDay: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "day after")),
		Today:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "today")),
	}
}

// Reports are the keys of the reports tab.
type Reports struct {
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Prev      key.Binding
	Next      key.Binding
	PrevMonth key.Binding
	NextMonth key.Binding
	Dates     key.Binding
}

// NewReports returns the reports tab's bindings.
func NewReports() Reports {
	return Reports{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:    key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Prev:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous report")),
		Next:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next report")),
		PrevMonth: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "prev month")),
		NextMonth: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next month")),
		Dates:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dates")),
	}
}
