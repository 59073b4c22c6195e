package frontdesk_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// clinic is a small clinic in Asia/Kolkata whose clock stands at Monday 3 March 2025,
// 10:02:
//
//   - Dr. Anil Rao (General Practice, fee 500.00) works Monday to Friday 09:00–13:00
//     in 15-minute slots;
//   - Dr. Meera Mehta (Cardiology, fee 800.00) works Mondays and Tuesdays 09:00–13:00
//     in 20-minute slots;
//   - patients Asha Patel (born 1990-01-01, +91 98765 43210) and Ravi Kumar.
type clinic struct {
	s          *store.Store
	clock      *clock
	loc        *time.Location
	desk       store.User
	rao, mehta int64 // doctor ids
	raoUser    store.User
	asha, ravi store.Patient
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

var ctx = context.Background()

func newClinic(t testing.TB) *clinic {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	c := &clinic{loc: loc, clock: &clock{t: time.Date(2025, 3, 3, 10, 2, 0, 0, loc)}}
	c.s, err = store.Open(ctx, filepath.Join(t.TempDir(), "clinic.db"), store.WithBcryptCost(bcrypt.MinCost),
		store.WithClock(c.clock.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.s.Close() })
	sys := store.System("test")
	user := func(role store.Role, email, name string, doctor *store.DoctorProfile) store.User {
		u, err := c.s.CreateUser(ctx, sys, store.NewUser{Email: email, FullName: name, Role: role,
			Password: tuitest.Password, Doctor: doctor})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	for key, value := range map[string]string{store.SettingTimeZone: "Asia/Kolkata", store.SettingCurrency: "INR",
		store.SettingClinicName: "Sunrise Clinic"} {
		if err := c.s.PutSetting(ctx, sys, key, value); err != nil {
			t.Fatal(err)
		}
	}
	c.desk = user(store.RoleReceptionist, "desk@clinic.test", "Dee Desk", nil)
	c.raoUser = user(store.RoleDoctor, "rao@clinic.test", "Anil Rao", &store.DoctorProfile{Qualification: "MBBS",
		LicenceNumber: "LIC-R", Specialisations: []string{"General Practice"}, FeeCents: 50000})
	mehta := user(store.RoleDoctor, "mehta@clinic.test", "Meera Mehta", &store.DoctorProfile{Qualification: "MD",
		LicenceNumber: "LIC-M", Specialisations: []string{"Cardiology"}, FeeCents: 80000})
	c.rao = c.doctorID(t, c.raoUser)
	c.mehta = c.doctorID(t, mehta)
	desk := c.desk.Actor()
	for _, w := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
		c.block(t, store.ScheduleBlock{DoctorID: c.rao, Weekday: w, Start: "09:00", End: "13:00", SlotMinutes: 15})
	}
	for _, w := range []time.Weekday{time.Monday, time.Tuesday} {
		c.block(t, store.ScheduleBlock{DoctorID: c.mehta, Weekday: w, Start: "09:00", End: "13:00", SlotMinutes: 20})
	}
	c.asha, err = c.s.AddPatient(ctx, desk, store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female", Phone: "+91 98765 43210"})
	if err != nil {
		t.Fatal(err)
	}
	c.ravi, err = c.s.AddPatient(ctx, desk, store.PatientInput{FirstName: "Ravi", LastName: "Kumar",
		DateOfBirth: time.Date(1985, 6, 15, 0, 0, 0, 0, time.UTC), Sex: "male", Phone: "+91 91234 56789"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *clinic) doctorID(t testing.TB, u store.User) int64 {
	t.Helper()
	d, err := c.s.DoctorByUser(ctx, store.System("test"), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return d.ID
}

func (c *clinic) block(t testing.TB, b store.ScheduleBlock) {
	t.Helper()
	if _, err := c.s.AddScheduleBlock(ctx, c.desk.Actor(), b); err != nil {
		t.Fatal(err)
	}
}

// at is a clinic time on a day of March 2025.
func (c *clinic) at(day, hour, minute int) time.Time {
	return time.Date(2025, 3, day, hour, minute, 0, 0, c.loc)
}

// book books through the store and fails the test if it is refused.
func (c *clinic) book(t testing.TB, patient store.Patient, doctor int64, start time.Time, reason string) int64 {
	t.Helper()
	id, err := c.s.Book(ctx, c.desk.Actor(), store.BookingInput{PatientID: patient.ID, DoctorID: doctor,
		Start: start, Reason: reason})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (c *clinic) appointment(t testing.TB, id int64) store.Appointment {
	t.Helper()
	a, err := c.s.Appointment(ctx, c.desk.Actor(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// common is the session context of a user of the clinic.
func (c *clinic) common(t testing.TB, u store.User) *common.Common {
	t.Helper()
	set, err := c.s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &common.Common{Store: c.s, User: u, Settings: set, Styles: theme.New(tuitest.Renderer(), true)}
}

// host runs one screen as the frame would: sized, and told of committed changes.
type host struct {
	screen common.Screen
	events <-chan []store.Event
}

type eventsMsg []store.Event

func newHost(s *store.Store, screen common.Screen) host {
	events, _ := s.Subscribe()
	return host{screen: screen, events: events}
}

func (h host) wait() tea.Msg {
	batch, ok := <-h.events
	if !ok {
		return nil
	}
	return eventsMsg(batch)
}

func (h host) Init() tea.Cmd { return tea.Batch(h.screen.Init(), h.wait) }

func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.screen.SetSize(msg.Width, msg.Height-1)
		return h, nil
	case eventsMsg:
		var cmd tea.Cmd
		h.screen, cmd = h.screen.Update(common.StoreChangedMsg{Events: msg})
		return h, tea.Batch(cmd, h.wait)
	}
	var cmd tea.Cmd
	h.screen, cmd = h.screen.Update(msg)
	return h, cmd
}

func (h host) View() string { return h.screen.View() }

// start runs a screen at a terminal size.
func start(t *testing.T, c *clinic, screen common.Screen, width, height int) *tuitest.Program {
	t.Helper()
	return tuitest.Start(t, newHost(c.s, screen), width, height)
}
