package printout

import (
	"fmt"
	"strings"
	"time"
)

// Dispensing is what the labels of one fulfilment show. Dates are in the clinic's zone.
type Dispensing struct {
	Clinic       string
	Prescription string // the prescription's code; "" for a sale over the counter
	PatientName  string // "" for an anonymous sale
	PatientCode  string
	Prescriber   string // "" for a sale over the counter
	Pharmacist   string
	Lines        []DispensedLine
}

// DispensedLine is a quantity of one medicine handed over from one batch.
type DispensedLine struct {
	Date                 time.Time // when it was handed over
	Name, Strength, Form string
	// Directions are the prescriber's; nil for a sale over the counter, whose label
	// points to the pack.
	Directions *Directions
	Quantity   int
	Unit       string
	Batch      string
	Expires    time.Time
	// Safety are the overrides it was handed over with, each a sentence: the
	// prescriber's ("Prescriber's override (despite allergy to penicillin): …") and the
	// pharmacist's notes on the warnings they acknowledged.
	Safety []string
}

// Directions say how to take a medicine. Frequency is in words ("three times a day"):
// the store turns the prescriber's shorthand into them.
type Directions struct {
	Dose         string // "1 tablet"
	Frequency    string
	DurationDays int // 0 when not given
	Route        string
	Instructions string
}

// DispensingLabels returns one label per dispensed line: the clinic, the date and
// prescription, the patient, the medicine, the directions, the quantity, the batch and
// its expiry, the prescriber and the pharmacist.
func DispensingLabels(d Dispensing) []string {
	labels := make([]string, 0, len(d.Lines))
	for _, l := range d.Lines {
		p := &sheet{width: ReceiptWidth}
		p.line(d.Clinic)
		p.line(joinWords("   ", "Date: "+l.Date.Format("2 Jan 2006"), d.Prescription))
		if d.PatientName != "" {
			p.field("Patient:", 9, withCode(d.PatientName, d.PatientCode))
		}
		p.line(medicineName(l.Name, l.Strength, l.Form))
		for _, s := range directions(l.Directions) {
			p.line(s)
		}
		for _, s := range l.Safety {
			p.line("! " + s)
		}
		p.line(fmt.Sprintf("Qty: %d %s", l.Quantity, l.Unit))
		p.line("Batch: " + l.Batch + "   Exp: " + l.Expires.Format("2006-01-02"))
		if d.Prescriber != "" {
			p.field("Prescriber:", 12, d.Prescriber)
		}
		p.field("Pharmacist:", 12, d.Pharmacist)
		p.line("Keep out of the reach of children.")
		labels = append(labels, p.String())
	}
	return labels
}

// LabelSheet puts labels one after the other, as they are shown and saved, with a
// line to cut along between each two.
func LabelSheet(labels []string) string {
	return strings.Join(labels, strings.Repeat("-", ReceiptWidth)+"\n")
}

// directions are the label's lines of directions: "1 tablet three times a day for 5
// days.", the instructions, and the route when it is not by mouth.
func directions(d *Directions) []string {
	if d == nil {
		return []string{"Use as directed on the pack."}
	}
	var out []string
	if s := joinWords(" ", d.Dose, d.Frequency, course(d.DurationDays)); s != "" {
		out = append(out, sentence(s))
	}
	if d.Instructions != "" {
		out = append(out, sentence(d.Instructions))
	}
	if d.Route != "" && !strings.EqualFold(strings.TrimSpace(d.Route), "oral") {
		out = append(out, "Route: "+strings.TrimSpace(d.Route)+".")
	}
	if len(out) == 0 {
		out = append(out, "Use as directed by the prescriber.")
	}
	return out
}
