package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// pingMsg is a screen's own answer, carrying which screen asked.
type pingMsg struct{ from string }

// askingScreen records the messages it gets; every key makes it ask a command whose
// answer names it.
type askingScreen struct {
	keysScreen
	name string
	got  *[]tea.Msg
}

func (a askingScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	*a.got = append(*a.got, msg)
	if _, ok := msg.(tea.KeyMsg); ok {
		name := a.name
		one := func() tea.Msg { return pingMsg{from: name} }
		return a, tea.Sequence(tea.Batch(one, one), one)
	}
	return a, nil
}

// run runs a command as the program would, batches and sequences included, and gives
// the model every message it ends with.
func run(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			run(t, m, c)
		}
		return
	}
	if v := reflect.ValueOf(msg); msg != nil && v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		for i := 0; i < v.Len(); i++ {
			run(t, m, v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	if msg != nil {
		_, next := m.Update(msg)
		run(t, m, next)
	}
}

func pings(got []tea.Msg) (from []string) {
	for _, msg := range got {
		if p, ok := msg.(pingMsg); ok {
			from = append(from, p.from)
		}
	}
	return from
}

// TestAnswersReachOnlyTheScreenThatAsked: the answers of one screen's commands, in
// batches and sequences, go to that screen alone, shown or not; an answer to a desk
// closed since is dropped.
func TestAnswersReachOnlyTheScreenThatAsked(t *testing.T) {
	t.Parallel()
	var gotA, gotB []tea.Msg
	m := New(Options{Store: tuitest.NewStore(t), Renderer: tuitest.Renderer()})
	m.phase, m.session = phaseDesk, 3
	m.common = &common.Common{}
	m.screens = []common.Screen{askingScreen{name: "a", got: &gotA}, askingScreen{name: "b", got: &gotB}}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})

	ask := m.updateScreen(0, tea.KeyMsg{Type: tea.KeyEnter})
	m.active = 1 // the asking screen is no longer shown when its answers come
	run(t, m, ask)
	if got := pings(gotA); !reflect.DeepEqual(got, []string{"a", "a", "a"}) {
		t.Errorf("screen a got its answers %v; want three", got)
	}
	if got := pings(gotB); len(got) > 0 {
		t.Errorf("screen b got a's answers %v", got)
	}

	stale := m.updateScreen(1, tea.KeyMsg{Type: tea.KeyEnter})
	m.session++ // the desk closed and another opened before the answers came
	gotA, gotB = nil, nil
	run(t, m, stale)
	if len(pings(gotA))+len(pings(gotB)) > 0 {
		t.Errorf("answers to a closed desk were delivered: a %v, b %v", pings(gotA), pings(gotB))
	}
}

// TestTheProgramsOwnMessagesPassThrough: quitting, the terminal's modes and window
// sizes asked by a screen reach the program unwrapped.
func TestTheProgramsOwnMessagesPassThrough(t *testing.T) {
	t.Parallel()
	for _, cmd := range []tea.Cmd{tea.Quit, tea.ClearScreen, tea.EnableMouseCellMotion, tea.WindowSize()} {
		want := reflect.TypeOf(cmd())
		if got := reflect.TypeOf(routeTo(1, 0, cmd)()); got != want {
			t.Errorf("a screen's %v reached the program as %v", want, got)
		}
	}
}

// pharmacyDesk is a pharmacist's desk at 80×24 over a queue of four prescriptions,
// RX000001 to RX000004, and two over-the-counter items whose names start "Pa".
func pharmacyDesk(t *testing.T) *tuitest.Program {
	t.Helper()
	p, _ := pharmacyWorld(t)
	return p
}

// pharmacyClinic is what pharmacyWorld made: the clinic, its pharmacist, and the four
// prescriptions with their medication lines and patients, in code order.
type pharmacyClinic struct {
	c          *tuitest.Clinic
	pharmacist store.User
	rx, lines  []int64
	patients   []int64
}

func pharmacyWorld(t *testing.T) (*tuitest.Program, *pharmacyClinic) {
	t.Helper()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, now)
	doctor := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "D-1", FeeCents: 50000}})
	desk := c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	pharmacist := samPharmacist(c)
	doctorID := c.DoctorID(doctor)
	c.Block(desk.Actor(), store.ScheduleBlock{DoctorID: doctorID, Weekday: time.Tuesday, Start: "08:00", End: "20:00"})
	var items []int64
	for _, name := range []string{"Paracetamol", "Papaverine"} {
		item := c.Item(pharmacist.Actor(), store.ItemInput{Name: name, Strength: "500 mg", Form: "tablet",
			Unit: "tablet", OverTheCounter: true, UnitPriceCents: 100})
		c.Receive(pharmacist.Actor(), item, store.ReceiveInput{BatchNumber: "B-" + name, ExpiresOn: now.AddDate(1, 0, 0),
			Quantity: 50, UnitCostCents: 10, Supplier: "Acme"})
		items = append(items, item)
	}
	ctx := t.Context()
	w := &pharmacyClinic{c: c, pharmacist: pharmacist}
	for i := 0; i < 4; i++ {
		patient := c.Patient(desk.Actor(), store.PatientInput{FirstName: fmt.Sprintf("Pat%d", i+1), LastName: "Doe",
			DateOfBirth: time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
		appt := c.Book(desk.Actor(), store.BookingInput{PatientID: patient.ID, DoctorID: doctorID,
			Start: now.Add(time.Duration(i+1) * 15 * time.Minute), Minutes: 15})
		for _, step := range []func() error{
			func() error { return c.S.CheckIn(ctx, desk.Actor(), appt) },
			func() error { return c.S.StartConsultation(ctx, doctor.Actor(), appt) },
		} {
			if err := step(); err != nil {
				t.Fatal(err)
			}
		}
		rx, err := c.S.CreatePrescription(ctx, doctor.Actor(), appt)
		if err != nil {
			t.Fatal(err)
		}
		line, err := c.S.AddMedication(ctx, doctor.Actor(), rx, store.MedicationInput{InventoryItemID: items[0],
			Name: "Paracetamol", Strength: "500 mg", Form: "tablet", Dosage: "1 tablet", Frequency: "OD", Quantity: 4})
		if err != nil {
			t.Fatal(err)
		}
		w.rx, w.lines, w.patients = append(w.rx, rx), append(w.lines, line), append(w.patients, patient.ID)
		if err := c.S.SubmitPrescription(ctx, doctor.Actor(), rx); err != nil {
			t.Fatal(err)
		}
	}
	p := tuitest.Start(t, New(Options{Store: c.S, Renderer: tuitest.Renderer(), User: &pharmacist}), 80, 24)
	p.WaitFor("Sam Patel · pharmacist", "RX000001", "RX000004")
	return p, w
}

// TestAClickSelectsTheRowUnderIt: the frame gives the screen the click in the body's
// cells, so a click on RX000001 in the pharmacy queue opens RX000001 (it opened
// RX000004 when each screen guessed the frame's height); the wheel moves the list.
func TestAClickSelectsTheRowUnderIt(t *testing.T) {
	t.Parallel()
	p := pharmacyDesk(t)
	for _, code := range []string{"RX000001", "RX000003", "RX000002"} {
		y := tuitest.LineOf(p.Screen(), code)
		p.Click(10, y)
		p.Key("enter")
		p.WaitFor(code+"  Pat", "0 of 4")
		p.Key("esc")
		p.WaitFor("RX000004")
	}
	list := p.Screen()
	top := tuitest.LineOf(list, "RX000001")
	p.Click(10, top)
	p.Wheel(10, top, true)
	p.Wheel(10, top, true)
	p.Wheel(10, top, false)
	p.Key("enter")
	p.WaitFor(rowCode(list, top+1)+"  Pat", "0 of 4")
}

// rowCode is the prescription code on a row of the queue as last drawn.
func rowCode(screen string, row int) string {
	line := strings.Split(screen, "\n")[row]
	i := strings.Index(line, "RX0")
	return line[i : i+8]
}

// TestCtrlNInATextFieldIsTheFields: with the walk-in sale's item picker focused,
// ctrl+n moves down its list; it does not jump to the notifications.
func TestCtrlNInATextFieldIsTheFields(t *testing.T) {
	t.Parallel()
	p := pharmacyDesk(t)
	p.Type("2")
	p.WaitFor("Nothing on the counter")
	p.Type("a")
	p.WaitFor("Find item")
	p.Type("pa")
	screen := p.WaitFor("Paracetamol", "Papaverine")
	second := "Paracetamol"
	if strings.Index(screen, "Paracetamol") < strings.Index(screen, "Papaverine") {
		second = "Papaverine"
	}
	p.Key("ctrl+n")
	p.Key("enter")
	p.WaitFor("> "+second, "2 Walk-in sale")
}

// TestHelpIsAnOverlayThatEscAndQuestionMarkClose: ? shows every key over the body,
// with the footer still one line; keys under it do nothing until esc or ? closes it;
// f1 opens it over a text field, whose ? stays text.
func TestHelpIsAnOverlayThatEscAndQuestionMarkClose(t *testing.T) {
	t.Parallel()
	p := pharmacyDesk(t)
	p.WaitFor("? all keys")
	p.Type("?")
	screen := p.WaitFor("Keys of Pharmacy queue · esc or ? closes", "previous tab", "ctrl+c quit")
	if strings.Contains(screen, "RX000001") {
		t.Fatalf("the queue shows under the help:\n%s", screen)
	}
	p.Key("tab") // not a tab switch under the overlay
	p.Key("esc")
	p.WaitUntil("the queue, help closed", func(s string) bool {
		return strings.Contains(s, "RX000001") && !strings.Contains(s, "Keys of")
	})
	p.Type("?")
	p.WaitFor("Keys of Pharmacy queue")
	p.Type("?")
	p.WaitUntil("help closed by ?", func(s string) bool { return !strings.Contains(s, "Keys of") })

	p.Type("2")
	p.WaitFor("Nothing on the counter")
	p.Type("a")
	p.WaitFor("Find item", "f1 all keys")
	p.Type("?")
	p.WaitFor("Find item: ?")
	p.Key("f1")
	p.WaitFor("Keys of Walk-in sale")
	p.Key("esc")
	p.WaitFor("Find item: ?")
}

// TestTheFrameTakesOnlyKeysTheScreenDoesNotBind: a screen's own binding of a key the
// frame also uses wins (the screen, then the frame).
func TestTheFrameTakesOnlyKeysTheScreenDoesNotBind(t *testing.T) {
	t.Parallel()
	var got []tea.Msg
	tab := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane"))
	m := New(Options{Store: tuitest.NewStore(t), Renderer: tuitest.Renderer()})
	m.phase, m.common = phaseDesk, &common.Common{}
	m.screens = []common.Screen{
		askingScreen{keysScreen: keysScreen{bindings: []key.Binding{tab}}, name: "a", got: &got},
		keysScreen{},
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	// The screen shown hears of its new size, to read what it now shows.
	if len(got) != 1 || got[0] != (common.ResizedMsg{}) {
		t.Fatalf("after a resize the screen got %v, want a ResizedMsg", got)
	}
	got = nil
	m.deskKey(tea.KeyMsg{Type: tea.KeyTab})
	if m.active != 0 || len(got) != 1 {
		t.Fatalf("tab went to the frame: active %d, screen got %v", m.active, got)
	}
	m.deskKey(tea.KeyMsg{Type: tea.KeyShiftTab})
	if m.active != 1 {
		t.Fatalf("shift+tab, which the screen does not bind, did not switch tabs")
	}
}

// TestATabResizedWhileHiddenHearsOfItWhenShown: the terminal resized under another
// tab, a tab hears of its new size when shown, once (the book showed "…" for the
// names its taller grid brought into view until a key was pressed).
func TestATabResizedWhileHiddenHearsOfItWhenShown(t *testing.T) {
	t.Parallel()
	var gotA, gotB []tea.Msg
	m := New(Options{Store: tuitest.NewStore(t), Renderer: tuitest.Renderer()})
	m.phase, m.common = phaseDesk, &common.Common{}
	m.screens = []common.Screen{askingScreen{name: "a", got: &gotA}, askingScreen{name: "b", got: &gotB}}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if len(gotB) != 0 {
		t.Fatalf("the hidden tab got %v at the resize", gotB)
	}
	m.deskKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("2")})
	if m.active != 1 || len(gotB) != 1 || gotB[0] != (common.ResizedMsg{}) {
		t.Fatalf("shown after the resize, tab 2 (active %d) got %v, want one ResizedMsg", m.active, gotB)
	}
	gotA = nil
	m.deskKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("1")})
	m.deskKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("2")})
	if len(gotA) != 0 || len(gotB) != 1 {
		t.Fatalf("shown again with no resize between, tab 1 got %v and tab 2 %v", gotA, gotB[1:])
	}
}

// TestDigitsOnTheCounterAreQuantities: on an open prescription digits type the
// selected line's quantity; they switch tabs on the queue.
func TestDigitsOnTheCounterAreQuantities(t *testing.T) {
	t.Parallel()
	p := pharmacyDesk(t)
	p.Key("enter")
	p.WaitFor("0 of 4", "0-9 type quantity")
	p.Type("3")
	screen := p.WaitFor("USD 3.00")
	if !strings.Contains(screen, "0 of 4     3") {
		t.Fatalf("3 did not become the quantity:\n%s", screen)
	}
	p.Key("backspace")
	p.Type("2")
	p.WaitFor("USD 2.00")
	p.Key("esc")
	p.WaitFor("Leave without saving?") // two chosen and not dispensed
	p.Type("y")
	p.WaitFor("RX000004")
	p.Type("3")
	p.WaitFor("All items", "Nearest expiry")
}

// TestDigitsOnTheWalkInCounterAreQuantities: with an item on the walk-in sale's
// counter digits type its quantity (the first replaces the 1 it came with, the next
// follow it) and backspace takes one off; they switched tabs (5 went to Reports).
func TestDigitsOnTheWalkInCounterAreQuantities(t *testing.T) {
	t.Parallel()
	p := pharmacyDesk(t)
	p.Type("2")
	p.WaitFor("Nothing on the counter")
	p.Type("a")
	p.WaitFor("Find item")
	p.Type("parac")
	p.WaitFor("Find item: parac", "Paracetamol 500 mg")
	p.Key("enter")
	p.WaitFor("Total USD 1.00", "0-9 type quantity")
	p.Type("5")
	p.WaitFor("Walk-in sale", "Total USD 5.00")
	p.Type("0")
	p.WaitFor("Total USD 50.00")
	p.Key("backspace")
	p.WaitFor("Total USD 5.00")
	p.Type("1") // 51 passes the stock of 50: the quantity starts again, and says why
	p.WaitFor("Total USD 1.00", "51 asked, but only 50 units in stock for this line. Typed again from 1.")
	p.Type("2")
	p.WaitFor("Walk-in sale", "Total USD 12.00")
}

// TestTheFulfilScreenFollowsAColleaguesDispensing: with RX000001 open, a colleague
// dispenses part of it; the open screen shows what was handed over (it stayed "0 of 4").
func TestTheFulfilScreenFollowsAColleaguesDispensing(t *testing.T) {
	t.Parallel()
	p, w := pharmacyWorld(t)
	p.Click(10, tuitest.LineOf(p.Screen(), "RX000001"))
	p.Key("enter")
	p.WaitFor("RX000001  Pat1", "0 of 4")
	if _, err := w.c.S.Dispense(t.Context(), w.pharmacist.Actor(), store.DispenseInput{PrescriptionID: w.rx[0],
		PatientID: w.patients[0], Lines: []store.DispenseLine{{PrescriptionMedicationID: w.lines[0], Quantity: 3}}}); err != nil {
		t.Fatal(err)
	}
	p.WaitFor("RX000001  Pat1", "3 of 4")
	p.Type("3") // one is left: the line takes 1 and says why
	p.WaitFor("3 asked, but only 1 unit left to dispense on this line.")
}

// TestNotificationsOpenWhatTheyName: enter on a notification that names a prescription
// shows the pharmacy queue with that prescription open, and marks it read; A marks the
// rest read; / filters the list as you type. (A submitted prescription raises no
// notification for pharmacists, whose queue is their notice: these four are written to
// the pharmacist directly.)
func TestNotificationsOpenWhatTheyName(t *testing.T) {
	t.Parallel()
	p, w := pharmacyWorld(t)
	err := w.c.S.Batch(t.Context(), store.System("test"), func(tx *store.Tx) error {
		for i, rx := range w.rx {
			code := fmt.Sprintf("RX%06d", i+1)
			if err := tx.Notify(t.Context(), store.NotificationInput{UserID: w.pharmacist.ID, Kind: "prescription_note",
				Title: "About " + code, Body: code + " needs a look.", Entity: "prescriptions", EntityID: rx}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p.WaitFor("4 unread")
	p.Type("6") // Notifications, after the Till and Reports tabs
	p.WaitFor("Notifications  4 waiting · 4 unread", "A mark all read")
	p.Type("/")
	p.Type("RX000002")
	screen := p.WaitFor("/ RX000002")
	if strings.Contains(screen, "RX000003") || !strings.Contains(screen, "RX000002") {
		t.Fatalf("the filter did not keep RX000002 alone:\n%s", screen)
	}
	p.Key("enter") // keeps the filter, leaves the field
	p.Key("enter") // opens the notification
	p.WaitFor("RX000002  Pat2", "0 of 4", "3 unread")
	p.Key("esc")
	p.Type("6") // Notifications, after the Till and Reports tabs
	p.WaitFor("Notifications  4 waiting · 3 unread")
	p.Type("A")
	p.WaitFor("3 notifications marked read.")
	if unread, err := w.c.S.Notifications(t.Context(), w.pharmacist.Actor(), true, 10); err != nil || len(unread) != 0 {
		t.Fatalf("after A: %d unread, %v", len(unread), err)
	}
}

// TestANoticeOfABatchOpensItsItem: enter on the day's expiry notice (one per day, for
// every batch expiring) shows the inventory's expiring batches; enter opens the item.
func TestANoticeOfABatchOpensItsItem(t *testing.T) {
	t.Parallel()
	p, w := pharmacyWorld(t)
	now := w.c.Clock.Now()
	item := w.c.Item(w.pharmacist.Actor(), store.ItemInput{Name: "Zinc oxide", Strength: "10%", Form: "cream",
		Unit: "tube", OverTheCounter: true, UnitPriceCents: 300})
	w.c.Receive(w.pharmacist.Actor(), item, store.ReceiveInput{BatchNumber: "ZNC-SOON", ExpiresOn: now.AddDate(0, 0, 10),
		Quantity: 5, UnitCostCents: 100, Supplier: "Acme"})
	if _, err := w.c.S.AnnounceExpiringBatches(t.Context()); err != nil {
		t.Fatal(err)
	}
	p.Type("6") // Notifications, after the Till and Reports tabs
	p.WaitFor("ZNC-SOON")
	p.Type("/ZNC")
	p.WaitFor("/ ZNC")
	p.Key("enter")
	p.Key("enter")
	p.WaitFor("3 Inventory", "Batches expiring within", "ZNC-SOON")
	p.Key("enter")
	p.WaitFor("Zinc oxide", "Batches (dispensed first expiry first; expired last)", "ZNC-SOON")
}
