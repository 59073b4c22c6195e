package keys

import "github.com/charmbracelet/bubbles/key"

// Queue are the keys of the doctor's queue of the day.
type Queue struct {
	List
	Start    key.Binding
	Complete key.Binding
	Rx       key.Binding
}

// NewQueue returns the queue's bindings.
func NewQueue() Queue {
	return Queue{
		List:     NewList(),
		Start:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "start consultation")),
		Complete: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "complete")),
		Rx:       key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "prescription")),
	}
}

// Chart are the keys of a patient's chart.
type Chart struct {
	Up         key.Binding
	Down       key.Binding
	AddVitals  key.Binding
	AddAllergy key.Binding
	AddHistory key.Binding
	AddMed     key.Binding
	Edit       key.Binding
	Rx         key.Binding
	Pregnancy  key.Binding
	Back       key.Binding
}

// NewChart returns the chart's bindings.
func NewChart() Chart {
	return Chart{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		AddVitals:  key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "record vitals")),
		AddAllergy: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add allergy")),
		AddHistory: key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "add history")),
		AddMed:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "add medication")),
		Edit:       key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e", "edit selected")),
		Rx:         key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "prescription")),
		Pregnancy:  key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "pregnancy/breastfeeding")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// Rx are the keys of the prescription editor.
type Rx struct {
	Up         key.Binding
	Down       key.Binding
	Diagnosis  key.Binding
	AddMed     key.Binding
	AddTest    key.Binding
	Remove     key.Binding
	Sketch     key.Binding
	Favourite  key.Binding
	SaveFav    key.Binding
	Save       key.Binding
	Submit     key.Binding
	Withdraw   key.Binding
	Print      key.Binding
	Back       key.Binding
	Confirm    key.Binding
	FreeText   key.Binding
	PickResult key.Binding
}

// NewRx returns the prescription editor's bindings.
func NewRx() Rx {
	return Rx{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Diagnosis:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "diagnosis")),
		AddMed:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add medication")),
		AddTest:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "order test")),
		Remove:     key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "remove line")),
		Sketch:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sketchpad")),
		Favourite:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "favourites")),
		SaveFav:    key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "save as favourite")),
		Save:       key.NewBinding(key.WithKeys("ctrl+s", "w"), key.WithHelp("w", "save draft")),
		Submit:     key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "submit to pharmacy")),
		Withdraw:   key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "withdraw")),
		Print:      key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "print")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Confirm:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		FreeText:   key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "not stocked: free text")),
		PickResult: key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "pick")),
	}
}

// Sketch are the sketchpad's keys. Its tools have single letters, which the pad's
// bindings take before the frame's keys; in the text tool letters are typed instead.
type Sketch struct {
	Up, Down, Left, Right key.Binding
	Apply                 key.Binding
	Pen                   key.Binding
	Line                  key.Binding
	Rect                  key.Binding
	Text                  key.Binding
	Eraser                key.Binding
	PenChar               key.Binding
	Style                 key.Binding
	ClearArea             key.Binding
	ClearAll              key.Binding
	Undo                  key.Binding
	Redo                  key.Binding
	Done                  key.Binding
}

// NewSketch returns the sketchpad's bindings.
func NewSketch() Sketch {
	return Sketch{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑↓←→/hjkl", "move")),
		Down:      key.NewBinding(key.WithKeys("down", "j")),
		Left:      key.NewBinding(key.WithKeys("left", "h")),
		Right:     key.NewBinding(key.WithKeys("right", "l")),
		Apply:     key.NewBinding(key.WithKeys(" ", "enter"), key.WithHelp("space", "draw / mark")),
		Pen:       key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pen")),
		Line:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "line")),
		Rect:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rectangle")),
		Text:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "text")),
		Eraser:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "eraser")),
		PenChar:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "pen character")),
		Style:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "ascii/box lines")),
		ClearArea: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "clear mark→cursor")),
		ClearAll:  key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "clear all")),
		Undo:      key.NewBinding(key.WithKeys("u", "ctrl+z"), key.WithHelp("u", "undo")),
		Redo:      key.NewBinding(key.WithKeys("ctrl+r", "ctrl+y", "U"), key.WithHelp("ctrl+r", "redo")),
		Done:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "done")),
	}
}
