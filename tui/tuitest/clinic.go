package tuitest

import (
	"context"
	"database/sql"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// Clinic is a fresh clinic database on a settable clock, with the steps the screens'
// tests take to fill it. Each step fails the test when the store refuses it. Each
// screen package declares its own clinic with these steps, in its fixture_test.go.
type Clinic struct {
	T     testing.TB
	S     *store.Store
	Clock *testfixture.Clock
}

// System is the actor of the fixtures' own writes.
var System = store.System("test")

// NewClinic opens a fresh clinic whose clock stands at now.
func NewClinic(t testing.TB, now time.Time) *Clinic {
	t.Helper()
	c := &Clinic{T: t, Clock: testfixture.NewClock(now)}
	s, err := store.Open(context.Background(), EmptyClinicFile(t),
		store.WithBcryptCost(bcrypt.MinCost), store.WithClock(c.Clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c.S = s
	return c
}

// must fails the test on err.
func (c *Clinic) must(err error) {
	c.T.Helper()
	if err != nil {
		c.T.Fatal(err)
	}
}

// Settings puts clinic settings (store.SettingTimeZone and the like).
func (c *Clinic) Settings(settings map[string]string) {
	c.T.Helper()
	for key, value := range settings {
		if err := c.S.PutSetting(context.Background(), System, key, value); err != nil {
			c.T.Fatal(err)
		}
	}
}

// User creates an account whose password is Password.
func (c *Clinic) User(n store.NewUser) store.User {
	c.T.Helper()
	n.Password = Password
	v, err := c.S.CreateUser(context.Background(), System, n)
	c.must(err)
	return v
}

// DoctorID is the doctor's record id of a doctor's account.
func (c *Clinic) DoctorID(u store.User) int64 {
	c.T.Helper()
	d, err := c.S.DoctorByUser(context.Background(), System, u.ID)
	c.must(err)
	return d.ID
}

// Block adds a doctor's weekly working hours, as the actor.
func (c *Clinic) Block(actor store.Actor, b store.ScheduleBlock) {
	c.T.Helper()
	_, err := c.S.AddScheduleBlock(context.Background(), actor, b)
	c.must(err)
}

// Patient registers a patient, as the actor.
func (c *Clinic) Patient(actor store.Actor, in store.PatientInput) store.Patient {
	c.T.Helper()
	v, err := c.S.AddPatient(context.Background(), actor, in)
	c.must(err)
	return v
}

// Book books an appointment as the actor (a receptionist, say) and returns its id.
func (c *Clinic) Book(actor store.Actor, in store.BookingInput) int64 {
	c.T.Helper()
	v, err := c.S.Book(context.Background(), actor, in)
	c.must(err)
	return v
}

// Item adds a catalogue item, as the actor, and returns its id.
func (c *Clinic) Item(actor store.Actor, in store.ItemInput) int64 {
	c.T.Helper()
	v, err := c.S.AddInventoryItem(context.Background(), actor, in)
	c.must(err)
	return v
}

// Receive receives a batch of an item, as the actor, and returns the batch's id.
func (c *Clinic) Receive(actor store.Actor, item int64, in store.ReceiveInput) int64 {
	c.T.Helper()
	v, err := c.S.ReceiveStock(context.Background(), actor, item, in)
	c.must(err)
	return v
}

// Common is the session context of a user of the clinic, drawn without colour.
func (c *Clinic) Common(u store.User) *common.Common {
	c.T.Helper()
	set, err := c.S.Settings(context.Background())
	c.must(err)
	return &common.Common{Store: c.S, User: u, Settings: set, Styles: theme.New(Renderer(), true)}
}

// Count runs a count query straight on the clinic's file, as the sqlite3 shell would.
func (c *Clinic) Count(query string, args ...any) int {
	c.T.Helper()
	db, err := sql.Open("sqlite", c.S.Path())
	if err != nil {
		c.T.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		c.T.Fatalf("%s: %v", query, err)
	}
	return n
}

// StartScreen runs one screen as the frame would: sized to the terminal less the
// frame's status line, and told of the store's committed changes. cm, when not nil, is
// the screen's session context, whose size follows the terminal's as the frame keeps it.
func StartScreen(t testing.TB, s *store.Store, cm *common.Common, screen common.Screen, width, height int) *Program {
	t.Helper()
	events, stop := s.Subscribe()
	t.Cleanup(stop)
	return Start(t, &host{c: cm, screen: screen, events: events}, width, height)
}

// host is the frame's part that StartScreen plays.
type host struct {
	c      *common.Common
	screen common.Screen
	events <-chan []store.Event
}

type hostEvents []store.Event

func (h *host) wait() tea.Cmd {
	ch := h.events
	return func() tea.Msg {
		batch, ok := <-ch
		if !ok {
			return nil
		}
		return hostEvents(batch)
	}
}

func (h *host) Init() tea.Cmd { return tea.Batch(h.screen.Init(), h.wait()) }

func (h *host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if h.c != nil {
			h.c.Width, h.c.Height = msg.Width, msg.Height-1
		}
		h.screen.SetSize(msg.Width, msg.Height-1)
		// As the frame does: the screen may now show rows it has not read (a size
		// arriving after the screen's first read, as it can on a busy machine).
		var cmd tea.Cmd
		h.screen, cmd = h.screen.Update(common.ResizedMsg{})
		return h, cmd
	case hostEvents:
		var cmd tea.Cmd
		h.screen, cmd = h.screen.Update(common.StoreChangedMsg{Events: msg})
		return h, tea.Batch(cmd, h.wait())
	}
	var cmd tea.Cmd
	h.screen, cmd = h.screen.Update(msg)
	return h, cmd
}

func (h *host) View() string { return h.screen.View() }
