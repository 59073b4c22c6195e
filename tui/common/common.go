// Package common holds what every screen shares: the store handle, the logged-in user,
// the clinic's settings, styles, and the screen contract the frame routes to.
package common

import (
	"context"
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// Common is the session's shared context, passed to every screen's constructor. The
// frame owns it; screens read it and never replace it.
type Common struct {
	Store    *store.Store
	User     store.User
	Settings store.Settings
	Styles   *theme.Styles
	Width    int // the body's size, inside the frame
	Height   int
	// Done is closed when the session ends (the program quit, the SSH client left).
	Done <-chan struct{}
}

// Tick is tea.Tick for a screen: it gives up when the session ends, so an ended session
// leaves no goroutine waiting on a timer.
func (c *Common) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return TickUntil(c.Done, d, fn)
}

// TickUntil fires fn after d, or returns nothing once done is closed.
func TickUntil(done <-chan struct{}, d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case now := <-t.C:
			return fn(now)
		case <-done:
			return nil
		}
	}
}

// Actor is the logged-in user as the store's acting user.
func (c *Common) Actor() store.Actor { return c.User.Actor() }

// Local converts a stored instant to the clinic's time zone for display.
func (c *Common) Local(t time.Time) time.Time { return t.In(c.Settings.Location()) }

// Ctx is the context for store calls made from commands. Each call is short; a
// timeout keeps a stuck database from freezing a screen forever.
func Ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

// Safe makes user-supplied text safe to draw on one line.
func Safe(s string) string { return textsafe.Line(s) }

// SafeBlock makes user-supplied text safe to draw, keeping its line breaks. A form that
// edits stored text starts from SafeBlock (or Safe) of it: its fields draw their value
// as typed, and a file written outside the desk may hold anything.
func SafeBlock(s string) string { return textsafe.Block(s) }

// Screen is one tab of the desk: the whole contract between a screen and the frame.
//
// Messages. Update gets, and only these: the keys and the mouse while the screen is
// shown (the mouse in the body's own cells: (0, 0) is the screen's top-left corner, and
// the wheel arrives as ↑ and ↓ keys when the screen is not typing), StoreChangedMsg
// after every committed change (shown or not), and the answers to its own commands
// (shown or not). The frame wraps every command a screen returns from Init or Update,
// so its answer comes back to that screen alone and is dropped when the desk has closed
// since: a screen never sees another screen's messages.
//
// Keys. The frame's rule, first match wins: ctrl+c (quit) and ctrl+x (log out) are the
// frame's, and ask first when Dirty; f1 opens the help overlay; a screen that is Typing
// gets every other key (q, ?, digits, tab and ctrl+n are text then); then a key one of
// the screen's bindings names (in ShortHelp or FullHelp) goes to the screen; then the
// frame's keys (? help, tab, shift+tab, 1–9, ctrl+n, q); anything else to the screen.
// A message of several runes arrives as one key per rune unless the screen is Typing.
//
// Help. ShortHelp is the footer's keys for the current state, most useful first;
// FullHelp every key the screen binds now, which the help overlay lists. Both come from
// bindings defined in tui/keys.
//
// View draws the body at the size SetSize gave and changes nothing.
type Screen interface {
	help.KeyMap
	Title() string
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	SetSize(width, height int)
	// Typing reports whether a text field (or a quantity, or the sketchpad's text
	// tool) has focus: it gets every key but ctrl+c and ctrl+x then.
	Typing() bool
	// Dirty reports unsaved input, so quitting, logging out or leaving a form asks
	// first.
	Dirty() bool
}

// EscKeeps is a screen whose esc, in its present state, keeps its unsaved input (the
// sketchpad's esc returns to the prescription with the drawing). On any other screen
// holding unsaved input (Dirty) the frame asks before esc reaches it, as esc discards.
type EscKeeps interface{ EscKeeps() bool }

// OpenMsg asks the frame to show a record on whichever tab opens its kind (a
// notification's "enter"): Entity is the table, as a notification names it. The frame
// shows the first tab whose screen Opens the entity and gives it the OpenMsg; when no
// tab does, the asking screen gets NotOpenedMsg.
type OpenMsg struct {
	Entity string
	ID     int64
	Kind   string // the notification's kind: a notice of a day names no one record
}

// NotOpenedMsg tells the screen that asked that no tab of this desk shows the record.
type NotOpenedMsg struct{ OpenMsg }

// Opener is a screen that can show records of some kinds when asked by OpenMsg.
type Opener interface{ Opens(entity string) bool }

// Badged is a screen with a count to show in the frame's header, such as unread
// notifications; an empty badge shows nothing.
type Badged interface{ Badge() string }

// ErrorText turns an error into the plain words a screen shows, safe to draw: an error
// may quote a name or a value read from the file (an item, a patient), so it passes
// textsafe like any other stored text. The store's typed errors already read as
// sentences; anything else is an unexpected failure.
func ErrorText(err error) string { return textsafe.Line(errorText(err)) }

// FormMessageWidth is the width at which the login, lock and password screens wrap the
// sentence under their form: the store's sentences run past 80 columns on one line
// ("…Try again later or ask an administrator." was cut at "or a").
const FormMessageWidth = 60

func errorText(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, store.ErrInvalid), errors.Is(err, store.ErrConflict),
		errors.Is(err, store.ErrForbidden), errors.Is(err, store.ErrNotFound),
		errors.Is(err, store.ErrLoginFailed):
		return err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return "The clinic database did not answer in time; try again."
	}
	return "Something went wrong: " + err.Error()
}

// ResizedMsg tells the screen shown that the frame has given it a new size (SetSize),
// which cannot return a command; a screen sized while hidden gets it when next shown.
// A screen that reads what its size shows (the book's columns and their patients'
// names) reads it on this message instead of on the next key.
type ResizedMsg struct{}

// StoreChangedMsg tells screens that committed writes touched these rows, so screens
// showing them reload. The frame delivers it to every screen, shown or not.
type StoreChangedMsg struct{ Events []store.Event }

// Touches reports whether the changes are of any of the topics. A change committed by
// another process on the file (store.TopicAny) may have touched any of them.
func (m StoreChangedMsg) Touches(topics ...store.Topic) bool {
	return store.Touches(m.Events, topics...)
}
