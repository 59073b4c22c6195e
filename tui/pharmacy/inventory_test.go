package pharmacy_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/pharmacy"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func inventoryScreen(c *common.Common) common.Screen { return pharmacy.NewInventory(c) }

func TestReceiveStockKeepsWhatWasTypedWhenRefused(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	c.item("Paracetamol", true, 10, 5)
	c.item("Amoxicillin", false, 0, 25)
	p, _ := start(t, c, inventoryScreen, 100, 30)
	p.WaitFor("Amoxicillin", "Paracetamol")
	p.Type("/")
	p.Type("para")
	screen := p.WaitFor("1 matching “para”", "Paracetamol 500 mg")
	if strings.Contains(screen, "Amoxicillin 500") {
		t.Fatalf("the search kept a non-match:\n%s", screen)
	}
	p.Key("enter") // leave the search
	p.Key("enter") // open the item
	p.WaitFor("stock 0 tablet (minimum 10)", "No stock on the shelf")
	p.Type("r")
	p.WaitFor("Receive a delivery of Paracetamol", "┃ Supplier")
	p.Fill("Acme Pharma", "Batch number")
	p.Fill("PCM-7", "Expiry date")
	p.Fill("2026-01-31", "Quantity") // already expired on the clinic's clock
	p.Fill("40", "Unit cost")
	p.Key("enter")
	p.WaitFor("That batch expired on 2026-01-31", "Acme Pharma", "PCM-7", "40")

	p.Key("enter") // supplier kept
	p.WaitFor("┃ Batch number")
	p.Key("enter")
	p.WaitFor("┃ Expiry date")
	p.Key("ctrl+u")
	p.Fill("2027-06-30", "Quantity")
	p.Key("enter")
	p.WaitFor("┃ Unit cost")
	p.Key("enter")
	p.WaitFor("Received 40 under batch PCM-7", "stock 40 tablet", "receive", "Sam Patel")

	items, err := c.s.SearchInventory(c.ctx, c.pharmacist.Actor(), "paracetamol", 5)
	c.must(err)
	if items[0].CurrentStock != 40 {
		t.Fatalf("stock is %d", items[0].CurrentStock)
	}
}

func TestLedgerPagesThroughMovements(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Amoxicillin", false, 0, 25)
	batch := c.receive(item, "B-1", 200, 100)
	for i := 1; i <= 40; i++ {
		c.must(c.s.AdjustStock(c.ctx, c.pharmacist.Actor(), batch, -1, fmt.Sprintf("count %02d", i)))
	}
	p, _ := start(t, c, inventoryScreen, 100, 30)
	p.WaitFor("Amoxicillin")
	p.Key("enter")
	first := p.WaitFor("Ledger, page 1", "count 40", "60") // newest first, balance 60
	if strings.Contains(first, "count 01") {
		t.Fatalf("the first page reaches the oldest movement:\n%s", first)
	}
	p.Type("]")
	p.WaitFor("Ledger, page 2")
	p.Type("]")
	p.WaitFor("Ledger, page 3", "count 01", "receive", "+100")
	p.Type("]") // there is nothing older
	p.Type("[")
	p.WaitFor("Ledger, page 2", "count 21")
	p.Key("pgup")
	// The chart ends at today's stock, as the ledger's newest balance says.
	p.WaitFor("Ledger, page 1", "count 40", "now 60")
}

func TestWalkInSale(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	otc := c.item("Paracetamol", true, 0, 150)
	c.item("Amoxicillin", false, 0, 25)
	c.receive(otc, "PCM-SOON", 20, 2)
	c.receive(otc, "PCM-LATE", 300, 50)
	p, _ := start(t, c, func(cm *common.Common) common.Screen { return pharmacy.NewSale(cm) }, 100, 30)
	p.WaitFor("Nothing on the counter")
	p.Type("a")
	p.WaitFor("Find item")
	p.Type("pa")
	screen := p.WaitFor("Find item: pa", "Paracetamol 500 mg")
	if strings.Contains(screen, "Amoxicillin") {
		t.Fatalf("a prescription-only item is offered for a walk-in sale:\n%s", screen)
	}
	p.Key("enter")
	p.WaitFor("> Paracetamol", "PCM-SOON")
	p.Type("++") // three in all: two from the soonest batch, one from the next
	p.WaitFor("PCM-SOON (exp 2026-03-30) ×2, PCM-LATE (exp 2027-01-04) ×1", "Total USD 4.50")
	p.Type("d")
	p.WaitFor("Sale total USD 4.50")
	p.Key("enter")
	p.WaitFor("┃ Method")
	p.Key("enter")
	p.WaitFor("┃ Amount")
	p.Key("enter")
	// The receipt is shown, not yet printed; p prints it to the print directory, and,
	// once the admin has set a print command, to that command.
	p.WaitFor("PHARMACY RECEIPT", "Paid", "USD 4.50 (cash)", "Not printed yet.")
	p.Type("p")
	p.WaitFor("Saved as clinic.db.prints/sale-receipt-F000001-", "PHARMACY RECEIPT")
	files, err := filepath.Glob(filepath.Join(c.s.PrintDir(), "sale-receipt-F000001-*.txt"))
	if err != nil || len(files) != 1 {
		t.Fatalf("printed %v, %v", files, err)
	}
	if text, err := os.ReadFile(files[0]); err != nil || !strings.Contains(string(text), "USD 4.50 (cash)") {
		t.Fatalf("the printed receipt: %q, %v", text, err)
	}
	printer := filepath.Join(t.TempDir(), "printer.txt")
	c.must(c.s.PutSetting(c.ctx, store.System("test"), store.SettingPrintCommand, "tee "+printer))
	p.Type("p")
	p.WaitFor("Sent to tee ", "PHARMACY RECEIPT")
	if text, err := os.ReadFile(printer); err != nil || !strings.Contains(string(text), "USD 4.50 (cash)") {
		t.Fatalf("the print command got %q, %v", text, err)
	}
	p.Key("esc")

	batches, err := c.s.Batches(c.ctx, c.pharmacist.Actor(), otc)
	c.must(err)
	if len(batches) != 1 || batches[0].BatchNumber != "PCM-LATE" || batches[0].QuantityLeft != 49 {
		t.Fatalf("batches after the sale: %+v", batches)
	}
}

func TestLedgerColumnsDoNotRunTogetherAtEightyColumns(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Azithromycin", false, 0, 2200)
	c.receive(item, "AZI2502-0398", 200, 100)
	p, _ := start(t, c, inventoryScreen, 80, 24)
	p.WaitFor("Azithromycin")
	p.Key("enter")
	// A twelve-character batch number is shown whole, and a blank column parts it
	// from the name of who moved the stock.
	p.WaitFor("Ledger, page 1", "AZI2502-0398 Sam Patel")
}

// TestLowAndExpiringListsKeepTheirTagsAndAClickSelectsTheRowUnderIt: the selected row
// of the Low and Expiring lists still says LOW or EXPIRED, the item's name does not run
// into the batch number, and a click selects the row it lands on.
func TestLowAndExpiringListsKeepTheirTagsAndAClickSelectsTheRowUnderIt(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	long := c.item("Ibuprofen 100 mg/5 mL suspension for children", false, 50, 5)
	c.receive(long, "IBU2406-7904", 5, 30)
	short := c.item("Amoxicillin", false, 50, 25)
	c.receive(short, "AMX-1", 40, 20)
	c.Clock.Advance(10 * 24 * time.Hour) // the ibuprofen batch has expired since
	p, _ := start(t, c, inventoryScreen, 80, 24)
	p.WaitFor("Amoxicillin")
	p.Type("L")
	screen := p.WaitFor("Below minimum stock", "Amoxicillin", "Ibuprofen")
	for _, name := range []string{"Amoxicillin", "Ibuprofen"} {
		if line := strings.Split(screen, "\n")[tuitest.LineOf(screen, name)]; !strings.Contains(line, "LOW") {
			t.Errorf("the %s row lost its LOW tag:\n%s", name, screen)
		}
	}
	p.Type("E")
	screen = p.WaitFor("Batches expiring within", "IBU2406-7904", "AMX-1")
	row := tuitest.LineOf(screen, "IBU2406-7904")
	line := strings.Split(screen, "\n")[row]
	if !strings.Contains(line, "EXPIRED") || strings.Contains(line, "…IBU") {
		t.Errorf("the selected expired batch reads %q: its tag kept, its name apart from the batch", line)
	}
	// enter opens the expired batch's item: its page keeps the tag on the selected batch.
	p.Key("enter")
	screen = p.WaitFor("Batches (dispensed first expiry first; expired last)", "IBU2406-7904", "Ledger")
	if line := strings.Split(screen, "\n")[tuitest.LineOf(screen, "exp 2026-03-15")]; !strings.Contains(line, "EXPIRED") {
		t.Errorf("the item page's selected batch reads %q, without its tag", line)
	}
	p.Key("esc")
	// A click on the other batch's row selects it: enter opens its item.
	screen = p.WaitFor("Batches expiring within", "AMX-1")
	p.Click(10, tuitest.LineOf(screen, "AMX-1"))
	p.Key("enter")
	p.WaitFor("Amoxicillin", "AMX-1", "Ledger")
}

// saleOfOneParacetamol opens the walk-in sale at 80×24 with one Paracetamol (USD 1.50)
// on the counter.
func saleOfOneParacetamol(t *testing.T) *tuitest.Program {
	c := newClinic(t)
	otc := c.item("Paracetamol", true, 0, 150)
	c.receive(otc, "PCM-1", 300, 50)
	p, _ := start(t, c, func(cm *common.Common) common.Screen { return pharmacy.NewSale(cm) }, 80, 24)
	p.WaitFor("Nothing on the counter")
	p.Type("a")
	p.WaitFor("Find item")
	p.Type("pa")
	p.WaitFor("Find item: pa", "Paracetamol 500 mg")
	p.Key("enter")
	p.WaitFor("Total USD 1.50")
	return p
}

// A walk-in sale's amount opens empty (the total as its placeholder): the amount typed
// is the amount paid; a prefilled "1.50" took it after it ("1.501.50") and refused it.
func TestSaleAmountTypedIsTheAmountPaid(t *testing.T) {
	t.Parallel()
	p := saleOfOneParacetamol(t)
	p.Type("d")
	p.WaitFor("Sale total USD 1.50")
	p.Key("enter")
	p.WaitFor("┃ Method")
	p.Key("enter")
	p.WaitFor("┃ Amount", "> 1.50") // the placeholder
	p.Type("1.50")
	p.Key("enter")
	p.WaitFor("PHARMACY RECEIPT", "USD 1.50 (cash)")
}

// esc on the sale's patient prompt takes its refusal with it: "No such patient." stayed
// under the counter and the payment form after it.
func TestSalePatientRefusalLeavesWithItsForm(t *testing.T) {
	t.Parallel()
	p := saleOfOneParacetamol(t)
	p.Type("P")
	p.WaitFor("┃ Patient code")
	p.Type("XYZ")
	p.Key("enter")
	p.WaitFor("No such patient.")
	p.Key("esc")
	p.WaitUntil("the counter without the refusal", func(screen string) bool {
		return strings.Contains(screen, "Total USD 1.50") && !strings.Contains(screen, "No such patient.")
	})
}
