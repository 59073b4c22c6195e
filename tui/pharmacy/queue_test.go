package pharmacy_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/pharmacy"
)

func queueScreen(c *common.Common) common.Screen { return pharmacy.NewQueue(c) }

func amoxicillin(itemID int64, qty int) store.MedicationInput {
	return store.MedicationInput{InventoryItemID: itemID, Name: "Amoxicillin", Strength: "500 mg", Form: "tablet",
		Dosage: "1 tablet", Frequency: "TID", DurationDays: 5, Quantity: qty}
}

func TestQueueUpdatesLiveWhenADoctorSubmits(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Amoxicillin", false, 0, 25)
	c.receive(item, "B-1", 200, 50)
	p, _ := start(t, c, queueScreen, 100, 24)
	p.WaitFor("No prescriptions are waiting")

	_, code := c.prescribe(amoxicillin(item, 10))
	screen := p.WaitFor(code, "Jane Doe", "Anil Rao", "1 item", "covers")
	if strings.Contains(screen, "No prescriptions are waiting") {
		t.Fatalf("the empty notice stayed:\n%s", screen)
	}
	_, second := c.prescribe(amoxicillin(item, 100))
	screen = p.WaitFor(second, "SHORT")
	if strings.Index(screen, code) > strings.Index(screen, second) {
		t.Errorf("the queue is not oldest first:\n%s", screen)
	}
}

// TestFulfilmentShowsTheStoresPlanAndShortfall opens a prescription the stock cannot
// cover: the line offers what the batches hold and says how much is short.
func TestFulfilmentShowsTheStoresPlanAndShortfall(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Amoxicillin", false, 0, 25)
	c.receive(item, "B-ONLY", 30, 20)
	_, code := c.prescribe(amoxicillin(item, 25))
	p, _ := start(t, c, queueScreen, 110, 30)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("0 of 25", "FEFO: B-ONLY (exp 2026-04-09) ×20 · 5 short", "USD 5.00")
}

// TestAnItemChosenForFreeTextIsPlannedByTheStore chooses the stocked item for a
// medicine written as free text: the store plans it first expiry first, the choice
// survives the reload after a partial dispense, and the write takes the plan.
func TestAnItemChosenForFreeTextIsPlannedByTheStore(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Cetirizine", true, 0, 10)
	c.receive(item, "C-LATE", 300, 10)
	c.receive(item, "C-SOON", 40, 2)
	_, code := c.prescribe(store.MedicationInput{Name: "Cetirizine syrup", Dosage: "5 mL", Frequency: "OD", Quantity: 4})
	p, _ := start(t, c, queueScreen, 150, 30)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("0 of 4", "written as free text")
	p.Type("i")
	p.WaitFor("Find item: ")
	p.Key("ctrl+u")
	p.Type("cetiri")
	p.WaitFor("12 tablet")
	p.Key("enter")
	p.WaitFor("FEFO: C-SOON (exp 2026-04-19) ×2, C-LATE (exp 2027-01-04) ×2", "USD 0.40")
	p.Type("-") // three now: two from the soonest batch, one from the next
	p.WaitFor("FEFO: C-SOON (exp 2026-04-19) ×2, C-LATE (exp 2027-01-04) ×1", "USD 0.30")
	p.Type("d")
	p.WaitFor("Dispense 1 line for USD 0.30")
	p.Key("enter")
	p.WaitFor("┃ Method")
	p.Key("enter")
	p.WaitFor("┃ Amount")
	p.Key("enter")
	p.WaitFor("Dispensed 3 units on 1 line", "3 of 4", "FEFO: C-LATE (exp 2027-01-04) ×1")
	batches, err := c.s.Batches(c.ctx, c.pharmacist.Actor(), item)
	c.must(err)
	if len(batches) != 1 || batches[0].BatchNumber != "C-LATE" || batches[0].QuantityLeft != 9 {
		t.Fatalf("batches after the dispense: %+v", batches)
	}
}

func TestDispenseWithKeysTakesBatchesFirstExpiryFirst(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Amoxicillin", false, 0, 25)
	late := c.receive(item, "B-LATE", 200, 20)
	soon := c.receive(item, "B-SOON", 30, 5)
	rx, code := c.prescribe(amoxicillin(item, 8))
	p, _ := start(t, c, queueScreen, 110, 30)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("0 of 8", "FEFO: B-SOON (exp 2026-04-09) ×5, B-LATE (exp 2026-09-26) ×3", "USD 2.00")
	p.Type("d")
	p.WaitFor("Dispense 1 line for USD 2.00")
	p.Key("enter") // paid now
	p.WaitFor("┃ Method")
	p.Key("enter") // cash
	p.WaitFor("┃ Amount")
	p.Key("enter") // the whole amount due
	p.WaitFor("Dispensed 8 units on 1 line", "8 of 8", "fulfilled")

	batches, err := c.s.Batches(c.ctx, c.pharmacist.Actor(), item)
	c.must(err)
	left := map[int64]int{}
	for _, b := range batches {
		left[b.ID] = b.QuantityLeft
	}
	if left[soon] != 0 || left[late] != 17 {
		t.Fatalf("batches left: soon %d, late %d; want 0 and 17", left[soon], left[late])
	}
	got, err := c.s.Prescription(c.ctx, c.doctor.Actor(), rx)
	c.must(err)
	if got.Status != store.PrescriptionFulfilled {
		t.Fatalf("the doctor sees %s", got.Status)
	}

	// L prints the labels at once, where the clinic prints (here the print directory
	// beside the database, under a name of the store's making), and shows them.
	p.Type("L")
	screen := p.WaitFor("Dispensing labels", "Saved as clinic.db.prints/labels-"+code+"-", "Batch: B-SOON")
	files, err := filepath.Glob(filepath.Join(c.s.PrintDir(), "labels-"+code+"-*.txt"))
	if err != nil || len(files) != 1 || !strings.Contains(screen, filepath.Base(files[0])) {
		t.Fatalf("printed %v, %v; screen:\n%s", files, err, screen)
	}
	text, err := os.ReadFile(files[0])
	c.must(err)
	if info, err := os.Stat(files[0]); err != nil {
		t.Fatal(err)
	} else if info.Mode().Perm() != 0o600 {
		t.Fatalf("the labels' file is %v, want 0600", info.Mode().Perm())
	}
	for _, want := range []string{"Jane Doe", "Amoxicillin", "Qty: 5 tablet", "Batch: B-SOON", "Batch: B-LATE", "Qty: 3 tablet"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the labels lack %q:\n%s", want, text)
		}
	}
	p.Key("esc")
	p.WaitFor("bill paid")
}

func TestShortStockDispensesPartlyAndKeepsTheRestOnTheQueue(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Amoxicillin", false, 0, 25)
	c.receive(item, "B-1", 100, 3)
	rx, code := c.prescribe(amoxicillin(item, 10))
	p, _ := start(t, c, queueScreen, 100, 24)
	p.WaitFor(code, "SHORT")
	p.Key("enter")
	p.WaitFor("0 of 10", "×3")
	p.Type("d")
	p.WaitFor("Payment")
	p.Key("down")
	p.Key("down") // unpaid for now
	p.Key("enter")
	p.WaitFor("3 of 10", "Dispensed 3 units")
	p.Key("esc")
	p.WaitFor(code, "1 of 1 open")
	got, err := c.s.Prescription(c.ctx, c.doctor.Actor(), rx)
	c.must(err)
	if got.Status != store.PrescriptionDispensing || got.Medications[0].Dispensed != 3 {
		t.Fatalf("prescription %s with %d dispensed", got.Status, got.Medications[0].Dispensed)
	}
}

// TestQueueFiltersAsYouTypeAndOpensTheMatch narrows the queue at each key typed after
// /, keeps the filter on enter, opens the one listed, and esc shows the whole queue.
func TestQueueFiltersAsYouTypeAndOpensTheMatch(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Amoxicillin", false, 0, 25)
	c.receive(item, "B-1", 200, 50)
	_, first := c.prescribe(amoxicillin(item, 10))
	_, second := c.prescribe(amoxicillin(item, 20))
	p, _ := start(t, c, queueScreen, 80, 24)
	p.WaitFor(first, second)
	p.Type("/")
	p.Type(strings.ToLower(second))
	screen := p.WaitFor("1 of 2", second)
	if strings.Contains(screen, first) {
		t.Fatalf("the filter kept %s:\n%s", first, screen)
	}
	p.Key("enter") // keeps the filter: the list has the keys again
	p.Type("j")
	p.WaitFor("/ " + strings.ToLower(second) + " ")
	p.Key("enter") // opens the only one listed
	p.WaitFor(second, "0 of 20")
	p.Key("esc")
	p.WaitFor("1 of 2")
	p.Key("esc")
	p.WaitUntil("the whole queue again", func(s string) bool {
		return strings.Contains(s, first) && strings.Contains(s, second) && !strings.Contains(s, "of 2")
	})
}
