package printout

import (
	"fmt"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

// pageCol is the column where the page's values start.
const pageCol = 11

// signatureWidth is the length of the line the doctor signs on.
const signatureWidth = 30

// Prescription is what the printed prescription shows. Date is the day it is printed,
// in the clinic's zone.
type Prescription struct {
	Clinic        string
	Doctor        string // as the clinic names them: "Dr. Asha Rao"
	Qualification string
	Licence       string
	PatientName   string
	PatientCode   string
	PatientAge    string // "45 years"; "" when the date of birth is unknown
	Allergies     string // "Penicillin (severe)", or "none known"
	Date          time.Time
	Code          string // RX000001
	Status        string
	Diagnosis     string
	Notes         string // may hold several lines
	Medicines     []Medicine
	Tests         []Test
	Sketch        string // drawn in text; several lines
	// ValidUntil is the last day it may be dispensed (zero for a draft), and Refills
	// how many times more than once.
	ValidUntil time.Time
	Refills    int
}

// Medicine is one medication line as the doctor wrote it.
type Medicine struct {
	Name, Strength, Form string
	Dose                 string
	Frequency            string // as written: "TDS"
	DurationDays         int    // 0 when not given
	Route                string
	Instructions         string
	Quantity             int
	AllergyOverride      string // why it is prescribed despite an allergy or a severe interaction
	Chronic              bool   // long-term treatment
	// Overridden are the warnings the override was given against, each in a few words
	// ("allergy to penicillin (moderate)").
	Overridden []string
}

// Test is one test ordered.
type Test struct {
	Name         string
	Priority     string
	Instructions string
}

// PrescriptionPage is the prescription as a page: the clinic, the doctor with
// qualification and licence, the patient, the date and reference, the diagnosis and
// notes, the medicines and tests, the sketch and a line to sign.
func PrescriptionPage(rx Prescription) string {
	p := &sheet{width: PageWidth}
	field := func(label, value string) { p.field(label, pageCol, value) }
	p.rule("=")
	p.centred(rx.Clinic)
	p.rule("=")
	field("Doctor:", joinWords(", ", rx.Doctor, rx.Qualification))
	field("Licence:", rx.Licence)
	field("Patient:", withCode(rx.PatientName, rx.PatientCode))
	if rx.PatientAge != "" {
		field("Age:", rx.PatientAge)
	}
	if rx.Allergies != "" {
		field("Allergies:", rx.Allergies)
	}
	field("Date:", rx.Date.Format("2 January 2006"))
	field("Ref:", joinWords(" · ", rx.Code, rx.Status))
	if !rx.ValidUntil.IsZero() {
		field("Valid to:", rx.ValidUntil.Format("2 January 2006")+fmt.Sprintf(" · refills: %d", rx.Refills))
	}
	if rx.Diagnosis != "" || strings.TrimSpace(rx.Notes) != "" {
		p.blank()
	}
	if rx.Diagnosis != "" {
		field("Diagnosis:", rx.Diagnosis)
	}
	for i, l := range lines(rx.Notes) {
		label := ""
		if i == 0 {
			label = "Notes:"
		}
		field(label, l)
	}
	p.blank()
	p.line("Rx")
	for i, m := range rx.Medicines {
		p.field(fmt.Sprintf("%2d.", i+1), 4, medicineName(m.Name, m.Strength, m.Form))
		if how := joinWords(" · ", m.Dose, m.Frequency, course(m.DurationDays), m.Route); how != "" {
			p.indented(4, how)
		}
		if m.Instructions != "" {
			p.indented(4, m.Instructions)
		}
		quantity := fmt.Sprintf("Quantity: %d", m.Quantity)
		if m.Chronic {
			quantity += " · long-term (chronic)"
		}
		p.indented(4, quantity)
		if m.AllergyOverride != "" {
			p.indented(4, "Prescriber's override: "+m.AllergyOverride)
			for _, o := range m.Overridden {
				p.indented(6, "despite "+o)
			}
		}
	}
	if len(rx.Tests) > 0 {
		p.blank()
		p.line("Tests")
		for _, t := range rx.Tests {
			p.field(" -", 4, joinWords(" · ", withCode(t.Name, t.Priority), t.Instructions))
		}
	}
	if sketch := lines(rx.Sketch); len(sketch) > 0 {
		p.blank()
		p.line("Sketch")
		for _, l := range sketch {
			// A drawing is cut at the edge, not wrapped, so what is kept stays in place.
			p.b.WriteString(strings.TrimRight("  "+textsafe.Truncate(l, PageWidth-2), " ") + "\n")
		}
	}
	p.blank()
	p.blank()
	p.b.WriteString(strings.Repeat(" ", PageWidth-signatureWidth) + strings.Repeat("_", signatureWidth) + "\n")
	p.b.WriteString(strings.Repeat(" ", PageWidth-signatureWidth) + "Signature\n")
	p.rule("=")
	return p.String()
}

// lines splits multi-line text into safe lines, without the blank lines at its ends;
// nil when it holds nothing but space.
func lines(text string) []string {
	text = strings.Trim(textsafe.Block(text), "\n")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	out := strings.Split(text, "\n")
	for i, l := range out {
		out[i] = strings.TrimRight(l, " ")
	}
	return out
}
