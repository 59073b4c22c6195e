package printout

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata with what the printouts give now")

// hostile is a name as someone could type it to attack another desk's terminal: it
// clears the screen, writes the clipboard (OSC 52), reverses the text and opens an
// 8-bit CSI. Printed, it must read "Ann Lee" and nothing else.
const hostile = "Ann\x1b[2J\x1b]52;c;ZXZpbA==\x07 Lee\u202e\u009b31m\r\n"

var kolkata = time.FixedZone("IST", 5*3600+1800)

func at(day, hour, minute int) time.Time { return time.Date(2026, 3, day, hour, minute, 0, 0, kolkata) }

func appointment() Appointment {
	return Appointment{Clinic: "Sunrise Clinic", Code: "APT000042", Start: at(2, 11, 0), End: at(2, 11, 15),
		Zone: "Asia/Kolkata", PatientName: "Asha Patel", PatientCode: "PAT000007", Doctor: "Dr. Anil Rao",
		Reason: "Fever", Currency: "INR", FeeCents: 50000, Payment: "paid", Method: "upi", PaidCents: 40000,
		PaidAt: at(2, 11, 12)}
}

func sale() Sale {
	return Sale{Clinic: "Sunrise Clinic", Number: "F000012", At: at(2, 12, 5), Pharmacist: "Priya Nair",
		Currency: "USD", Lines: []SaleLine{
			{Name: "Paracetamol", Strength: "500 mg", Form: "tablet", Quantity: 10, UnitCents: 20, TotalCents: 200},
			{Name: "Oral rehydration salts sachet, orange flavour", Quantity: 3, UnitCents: 125, TotalCents: 375}},
		TotalCents: 575, Payment: "paid", Method: "cash", PaidCents: 575}
}

func prescriptionSale() Sale {
	s := sale()
	s.Number, s.PatientName, s.PatientCode, s.Prescription = "F000013", "Jane Doe", "PAT000001", "RX000009"
	s.Lines = []SaleLine{{Name: "Amoxicillin 500 mg", Strength: "500 mg", Form: "capsule", Quantity: 15,
		UnitCents: 250, TotalCents: 3750}}
	s.TotalCents, s.Payment, s.Method, s.PaidCents = 3750, "waived", "upi", 2000
	return s
}

func dispensing() Dispensing {
	amox := &Directions{Dose: "1 capsule", Frequency: "three times a day", DurationDays: 5,
		Route: "oral", Instructions: "after food"}
	return Dispensing{Clinic: "Green Park Clinic", Prescription: "RX000009", PatientName: "Jane Doe",
		PatientCode: "PAT000001", Prescriber: "Dr. Anil Rao", Pharmacist: "Priya Nair", Lines: []DispensedLine{
			{Date: at(10, 9, 30), Name: "Amoxicillin", Strength: "500 mg", Form: "capsule", Directions: amox,
				Quantity: 5, Unit: "capsule", Batch: "AMX-7", Expires: time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)},
			{Date: at(10, 9, 30), Name: "Amoxicillin", Strength: "500 mg", Form: "capsule", Directions: amox,
				Quantity: 10, Unit: "capsule", Batch: "AMX-9", Expires: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
			{Date: at(10, 9, 30), Name: "Salbutamol inhaler", Strength: "100 mcg",
				Directions: &Directions{Dose: "2 puffs", Frequency: "when needed", Route: "inhaled"},
				Quantity:   1, Unit: "inhaler", Batch: "SAL-1", Expires: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)}}}
}

func prescription() Prescription {
	return Prescription{Clinic: "Riverside Clinic", Doctor: "Dr. Asha Rao", Qualification: "MBBS, MD (Medicine)",
		Licence: "MCI-12345", PatientName: "Ann Lee", PatientCode: "PAT000007", Date: at(2, 10, 0),
		Code: "RX000042", Status: "submitted", Diagnosis: "Acute pharyngitis",
		Notes: "Review in a week.\nReturn earlier if the fever lasts more than three days or breathing becomes difficult.",
		Medicines: []Medicine{
			{Name: "Amoxicillin 500 mg capsule", Strength: "500 mg", Form: "capsule", Dose: "1 capsule",
				Frequency: "TDS", DurationDays: 5, Route: "oral", Instructions: "After food", Quantity: 15,
				AllergyOverride: "tolerated a full course in 2024",
				Overridden:      []string{"allergy to penicillin (moderate)"}},
			{Name: "Paracetamol", Strength: "650 mg", Form: "tablet", Dose: "1 tablet", Frequency: "SOS",
				DurationDays: 1, Quantity: 4, Chronic: true}},
		Tests:  []Test{{Name: "CBC", Priority: "stat"}, {Name: "Throat swab culture", Priority: "routine", Instructions: "before the first dose"}},
		Sketch: "+--+\n|  |\t<- tonsil\n+--+", ValidUntil: at(2, 10, 0).AddDate(0, 0, 30), Refills: 2}
}

func tillClose() TillClose {
	return TillClose{Clinic: "Riverside Clinic", Number: 12, Desk: "front desk", Day: at(2, 0, 0), Currency: "INR",
		Lines: []TillLine{{Method: "cash", Expected: 120000, Counted: 120000}, {Method: "card", Expected: 0, Counted: 0},
			{Method: "upi", Expected: 410000, Counted: 410000}, {Method: "insurance", Expected: 50000, Counted: 50000},
			{Method: "other", Expected: -5000, Counted: -5000}},
		Payments: 14, Refunds: 5000, Waived: 60000, ClosedBy: "Hassan Othman", ClosedAt: at(2, 18, 5),
		Zone: "Asia/Kolkata"}
}

// long is a value wider than any row, with a word wider than a row.
const long = "Venkatanarasimharajuvaripeta-Srinivasaraghavan Subrahmanyam Lakshminarayana"

// printed is a printout and the width it must keep to.
type printed struct {
	text  string
	width int
}

// printouts are the golden cases, by the name of their file in testdata.
func printouts() map[string]printed {
	out := map[string]printed{}
	add := func(name, text string, width int) { out[name] = printed{text, width} }
	receipt := func(name string, edit func(*Appointment)) {
		a := appointment()
		edit(&a)
		add("appointment_"+name, AppointmentReceipt(a), ReceiptWidth)
	}
	receipt("paid", func(*Appointment) {})
	receipt("unpaid", func(a *Appointment) {
		a.Payment, a.Method, a.PaidCents, a.PaidAt, a.Reason = "unpaid", "", 0, time.Time{}, ""
	})
	receipt("waived", func(a *Appointment) { a.Payment, a.Method, a.PaidCents = "waived", "", 0 })
	receipt("waived_undated", func(a *Appointment) {
		a.Payment, a.Method, a.PaidCents, a.PaidAt = "waived", "", 0, time.Time{}
	})
	receipt("refunded", func(a *Appointment) { a.Payment = "refunded" })
	receipt("long", func(a *Appointment) {
		a.Clinic, a.PatientName, a.Doctor, a.Reason = "The "+long+" Family Clinic", long, "Dr. "+long, long+" "+long
		a.Zone, a.FeeCents, a.PaidCents = "America/Argentina/Buenos_Aires", 123456789012, 123456789012
	})
	receipt("hostile", func(a *Appointment) {
		a.Clinic, a.PatientName, a.Doctor, a.Reason, a.Currency = hostile, hostile, hostile, hostile, "INR\x1b[8m"
	})

	sales := func(name string, s Sale) { add("sale_"+name, PharmacySaleReceipt(s), ReceiptWidth) }
	sales("over_the_counter", sale())
	sales("prescription", prescriptionSale())
	overridden := prescriptionSale()
	overridden.Lines[0].Safety = []string{"Prescriber's override (despite allergy to penicillin (moderate)): tolerated a full course in 2024",
		"Pharmacist's note (severe interaction with Warfarin 5 mg): INR checked today, 2.4"}
	sales("overrides", overridden)
	unpaid := prescriptionSale()
	unpaid.Payment, unpaid.Method, unpaid.PaidCents = "unpaid", "", 0
	sales("unpaid", unpaid)
	cancelled := sale()
	cancelled.Payment, cancelled.PaidCents, cancelled.Cancelled, cancelled.CancelReason = "unpaid", 0, true, "Customer changed mind"
	sales("cancelled", cancelled)
	big := sale()
	big.Lines = []SaleLine{{Name: long, Quantity: 123456, UnitCents: 99999999, TotalCents: 12345678987654}}
	big.TotalCents, big.PaidCents = 12345678987654, 12345678987654
	sales("long", big)
	bad := prescriptionSale()
	bad.Clinic, bad.PatientName, bad.Pharmacist, bad.Lines[0].Name, bad.Method = hostile, hostile, hostile, hostile, "upi\x1b[5m"
	sales("hostile", bad)

	labels := func(name string, d Dispensing) {
		add("labels_"+name, LabelSheet(DispensingLabels(d)), ReceiptWidth)
	}
	labels("prescription", dispensing())
	warned := dispensing()
	warned.Lines = warned.Lines[:1]
	warned.Lines[0].Safety = overridden.Lines[0].Safety
	labels("overrides", warned)
	walkIn := dispensing()
	walkIn.Prescription, walkIn.PatientName, walkIn.PatientCode, walkIn.Prescriber = "", "", "", ""
	walkIn.Lines = walkIn.Lines[:1]
	walkIn.Lines[0].Name, walkIn.Lines[0].Strength, walkIn.Lines[0].Form, walkIn.Lines[0].Directions = "Zinc", "20 mg", "tablet", nil
	labels("over_the_counter", walkIn)
	nothing := dispensing()
	nothing.Lines = nothing.Lines[:1]
	nothing.Lines[0].Directions = &Directions{Route: "Oral"}
	labels("no_directions", nothing)
	evil := dispensing()
	evil.Lines = evil.Lines[:1]
	evil.Clinic, evil.PatientName, evil.Prescriber, evil.Pharmacist = hostile, hostile, hostile, hostile
	evil.Lines[0].Name, evil.Lines[0].Batch, evil.Lines[0].Unit = hostile, hostile, hostile
	evil.Lines[0].Directions = &Directions{Dose: hostile, Frequency: hostile, Instructions: hostile, Route: hostile}
	labels("hostile", evil)
	wide := dispensing()
	wide.Lines = wide.Lines[:1]
	wide.PatientName, wide.Lines[0].Name, wide.Lines[0].Directions.Instructions = long, long, long+" "+long
	labels("long", wide)

	add("till_balanced", CloseOfDay(tillClose()), ReceiptWidth)
	short := tillClose()
	short.Lines[0].Counted, short.Reason = 118000, "Change given twice to one patient; "+long
	short.Lines[2].Counted = 410050
	add("till_short", CloseOfDay(short), ReceiptWidth)
	quiet := tillClose()
	quiet.Lines, quiet.Payments, quiet.Refunds, quiet.Waived = nil, 0, 0, 0
	add("till_empty", CloseOfDay(quiet), ReceiptWidth)
	hostileTill := tillClose()
	hostileTill.Clinic, hostileTill.Reason, hostileTill.ClosedBy, hostileTill.Lines[0].Method = hostile, hostile, hostile, hostile
	add("till_hostile", CloseOfDay(hostileTill), ReceiptWidth)

	add("prescription_page", PrescriptionPage(prescription()), PageWidth)
	bare := prescription()
	bare.Qualification, bare.Diagnosis, bare.Notes, bare.Tests, bare.Sketch = "", "", " \n ", nil, "\n\n"
	bare.Medicines = bare.Medicines[1:]
	add("prescription_bare", PrescriptionPage(bare), PageWidth)
	worst := prescription()
	worst.Clinic, worst.Doctor, worst.PatientName, worst.Diagnosis, worst.Notes = hostile, hostile, hostile, hostile, hostile
	worst.Medicines[0].Name, worst.Medicines[0].Instructions, worst.Medicines[0].AllergyOverride = hostile, hostile, hostile
	worst.Tests[0].Name, worst.Sketch = hostile, hostile+"\n"+hostile
	add("prescription_hostile", PrescriptionPage(worst), PageWidth)
	huge := prescription()
	huge.Clinic, huge.Diagnosis, huge.Notes = strings.Repeat(long+" ", 3), strings.Repeat(long+" ", 3), long+"\n"+long
	huge.Sketch = strings.Repeat("#", 200) + "\n" + strings.Repeat("李", 100)
	huge.Medicines[0].Instructions = strings.Repeat(long+" ", 3)
	add("prescription_long", PrescriptionPage(huge), PageWidth)
	return out
}

// TestPrintoutsMatchTheirGoldenFiles compares each printout with testdata/NAME.golden;
// `go test ./internal/printout -update` rewrites the files, to be read in the diff.
func TestPrintoutsMatchTheirGoldenFiles(t *testing.T) {
	t.Parallel()
	for name, p := range printouts() {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(p.text), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run the test with -update to write it)", err)
			}
			if p.text != string(want) {
				t.Errorf("%s differs from %s; got:\n%s", name, path, p.text)
			}
		})
	}
}

// Every row of every printout fits its width, and nothing in one could make a terminal
// do anything but print.
func TestPrintoutsFitTheirWidthAndHoldOnlyPrintableText(t *testing.T) {
	t.Parallel()
	for name, p := range printouts() {
		if !strings.HasSuffix(p.text, "\n") {
			t.Errorf("%s does not end its last line", name)
		}
		for i, row := range strings.Split(strings.TrimSuffix(p.text, "\n"), "\n") {
			if w := textsafe.Width(row); w > p.width {
				t.Errorf("%s row %d is %d cells wide, more than %d: %q", name, i+1, w, p.width, row)
			}
			if row != textsafe.Line(row) {
				t.Errorf("%s row %d holds what a terminal would act on: %q", name, i+1, row)
			}
		}
	}
}

// A hostile name prints as its visible characters: no escape code and no part of its
// payload reaches the text.
func TestHostileNamesPrintAsPlainText(t *testing.T) {
	t.Parallel()
	for name, p := range printouts() {
		if !strings.HasSuffix(name, "_hostile") {
			continue
		}
		if !strings.Contains(p.text, "Ann Lee") {
			t.Errorf("%s lost the visible name:\n%s", name, p.text)
		}
		for _, bad := range []string{"\x1b", "\u009b", "\u202e", "\a", "\r", "ZXZpbA", "52;c", "[2J", "31m", "[8m", "[5m"} {
			if strings.Contains(p.text, bad) {
				t.Errorf("%s holds %q:\n%s", name, bad, p.text)
			}
		}
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in    string
		width int
		want  []string
	}{
		{"", 10, []string{""}},
		{"   ", 10, []string{""}},
		{"one two three", 7, []string{"one two", "three"}},
		{"a   b    c", 6, []string{"a   b", "c"}},
		{"  lead and trail  ", 9, []string{"lead and", "trail"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"a abcdefghij b", 4, []string{"a", "abcd", "efgh", "ij b"}},
		{"李小龍李", 5, []string{"李小", "龍李"}},
		{"e\u0301e\u0301e\u0301", 2, []string{"e\u0301e\u0301", "e\u0301"}},
	} {
		if got := wrap(c.in, c.width); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}
