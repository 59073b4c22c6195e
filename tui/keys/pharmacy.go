package keys

import "github.com/charmbracelet/bubbles/key"

// Fulfil are the keys of an open prescription or a walk-in sale at the counter.
type Fulfil struct {
	More key.Binding
	Less key.Binding
	// Digits type the selected line's quantity, and Erase takes its last digit off:
	// on the counter digits are quantities, not tabs.
	Digits key.Binding
	Erase  key.Binding
	Batch  key.Binding
	Item   key.Binding
	// AsWritten confirms a free-text medicine as written, with a reason.
	AsWritten key.Binding
	Add       key.Binding
	Remove    key.Binding
	Patient   key.Binding
	Dispense  key.Binding
	Pay       key.Binding
	Labels    key.Binding
	Receipt   key.Binding
	Cancel    key.Binding
	// WarningsUp and WarningsDown scroll the warnings listed under the acknowledgement's
	// form, whose note field takes every other key.
	WarningsUp   key.Binding
	WarningsDown key.Binding
}

// NewFulfil returns the counter's bindings.
func NewFulfil() Fulfil {
	return Fulfil{
		More:         key.NewBinding(key.WithKeys("+", "=", "right", "l"), key.WithHelp("+/-", "quantity")),
		Less:         key.NewBinding(key.WithKeys("-", "left", "h")),
		Digits:       key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-9", "type quantity")),
		Erase:        key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "erase a digit")),
		Batch:        key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "batch")),
		Item:         key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "item")),
		AsWritten:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "confirm as written")),
		Add:          key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add item")),
		Remove:       key.NewBinding(key.WithKeys("delete", "x"), key.WithHelp("x", "remove line")),
		Patient:      key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "patient")),
		Dispense:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dispense")),
		Pay:          key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "payment")),
		Labels:       key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "print labels")),
		Receipt:      key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "print receipt")),
		Cancel:       key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "cancel fulfilment")),
		WarningsUp:   key.NewBinding(key.WithKeys("pgup")),
		WarningsDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgup/pgdn", "scroll the warnings")),
	}
}

// Inventory are the keys of the inventory list and an item's page.
type Inventory struct {
	All      key.Binding
	Low      key.Binding
	Expiring key.Binding
	NewItem  key.Binding
	Edit     key.Binding
	Receive  key.Binding
	Adjust   key.Binding
	WriteOff key.Binding
	Return   key.Binding
	Older    key.Binding
	Newer    key.Binding
}

// NewInventory returns the inventory bindings.
func NewInventory() Inventory {
	return Inventory{
		All:      key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "all items")),
		Low:      key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "below minimum")),
		Expiring: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "expiring ≤90 days")),
		NewItem:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new item")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit item")),
		Receive:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "receive")),
		Adjust:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "adjust")),
		WriteOff: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write off expired")),
		Return:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "return to supplier")),
		Older:    key.NewBinding(key.WithKeys("pgdown", "]"), key.WithHelp("pgdn/]", "older movements")),
		Newer:    key.NewBinding(key.WithKeys("pgup", "["), key.WithHelp("pgup/[", "newer movements")),
	}
}
