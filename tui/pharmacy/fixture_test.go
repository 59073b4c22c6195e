package pharmacy_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// clinic is a small clinic on a fixed clock (Tuesday 10 March 2026, 09:00 UTC): a
// doctor with Tuesday hours, a receptionist, a pharmacist and a patient.
type clinic struct {
	t                        *testing.T
	s                        *store.Store
	ctx                      context.Context
	now                      time.Time
	doctor, desk, pharmacist store.User
	doctorID, patientID      int64
	slot                     int
}

func newClinic(t *testing.T) *clinic {
	t.Helper()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "clinic.db"),
		store.WithBcryptCost(bcrypt.MinCost), store.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c := &clinic{t: t, s: s, ctx: context.Background(), now: now}
	c.doctor = c.user(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "D-1", FeeCents: 50000}})
	c.desk = c.user(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	c.pharmacist = c.user(store.NewUser{Email: "sam@clinic.test", FullName: "Sam Patel", Role: store.RolePharmacist,
		Pharmacist: &store.PharmacistProfile{LicenceNumber: "P-1"}})
	d, err := s.DoctorByUser(c.ctx, c.desk.Actor(), c.doctor.ID)
	c.must(err)
	c.doctorID = d.ID
	_, err = s.AddScheduleBlock(c.ctx, c.desk.Actor(), store.ScheduleBlock{DoctorID: d.ID, Weekday: time.Tuesday,
		Start: "08:00", End: "20:00"})
	c.must(err)
	c.patientID = c.patient("Jane", "Doe")
	return c
}

func (c *clinic) must(err error) {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
}

func (c *clinic) user(n store.NewUser) store.User {
	c.t.Helper()
	n.Password = tuitest.Password
	u, err := c.s.CreateUser(c.ctx, store.System("test"), n)
	c.must(err)
	return u
}

func (c *clinic) patient(first, last string) int64 {
	c.t.Helper()
	p, err := c.s.AddPatient(c.ctx, c.desk.Actor(), store.PatientInput{FirstName: first, LastName: last,
		DateOfBirth: time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
	c.must(err)
	return p.ID
}

func (c *clinic) item(name string, otc bool, minimum int, price int64) int64 {
	c.t.Helper()
	id, err := c.s.AddInventoryItem(c.ctx, c.pharmacist.Actor(), store.ItemInput{Name: name, Strength: "500 mg",
		Form: "tablet", Unit: "tablet", OverTheCounter: otc, MinimumStock: minimum, UnitPriceCents: price})
	c.must(err)
	return id
}

func (c *clinic) receive(itemID int64, batch string, expiresInDays, qty int) int64 {
	c.t.Helper()
	id, err := c.s.ReceiveStock(c.ctx, c.pharmacist.Actor(), itemID, store.ReceiveInput{BatchNumber: batch,
		ExpiresOn: c.now.AddDate(0, 0, expiresInDays), Quantity: qty, UnitCostCents: 10, Supplier: "Acme Pharma"})
	c.must(err)
	return id
}

// prescribe books the patient, runs the consultation and submits a prescription.
func (c *clinic) prescribe(meds ...store.MedicationInput) (int64, string) {
	c.t.Helper()
	c.slot++
	appt, err := c.s.Book(c.ctx, c.desk.Actor(), store.BookingInput{PatientID: c.patientID, DoctorID: c.doctorID,
		Start: c.now.Add(time.Duration(c.slot) * 15 * time.Minute), Minutes: 15})
	c.must(err)
	c.must(c.s.CheckIn(c.ctx, c.desk.Actor(), appt))
	c.must(c.s.StartConsultation(c.ctx, c.doctor.Actor(), appt))
	rx, err := c.s.CreatePrescription(c.ctx, c.doctor.Actor(), appt)
	c.must(err)
	for _, m := range meds {
		_, err := c.s.AddMedication(c.ctx, c.doctor.Actor(), rx, m)
		c.must(err)
	}
	c.must(c.s.SubmitPrescription(c.ctx, c.doctor.Actor(), rx))
	p, err := c.s.Prescription(c.ctx, c.doctor.Actor(), rx)
	c.must(err)
	return rx, p.Code
}

func (c *clinic) common() *common.Common {
	set, err := c.s.Settings(c.ctx)
	c.must(err)
	return &common.Common{Store: c.s, User: c.pharmacist, Settings: set, Styles: theme.New(tuitest.Renderer(), true)}
}

// host runs one screen as the frame would: it sizes it and delivers store events.
type host struct {
	c      *common.Common
	screen common.Screen
	events <-chan []store.Event
}

type hostEvents []store.Event

func start(t *testing.T, c *clinic, make func(*common.Common) common.Screen, w, h int) (*tuitest.Program, *common.Common) {
	t.Helper()
	cm := c.common()
	events, stop := c.s.Subscribe()
	t.Cleanup(stop)
	return tuitest.Start(t, &host{c: cm, screen: make(cm), events: events}, w, h), cm
}

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
		h.c.Width, h.c.Height = msg.Width, msg.Height-1
		h.screen.SetSize(msg.Width, msg.Height-1)
		return h, nil
	case hostEvents:
		var cmd tea.Cmd
		h.screen, cmd = h.screen.Update(common.StoreChangedMsg{Events: msg})
		return h, tea.Batch(cmd, h.wait())
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return h, tea.Quit
		}
	}
	var cmd tea.Cmd
	h.screen, cmd = h.screen.Update(msg)
	return h, cmd
}

func (h *host) View() string { return h.screen.View() + "\n" }
