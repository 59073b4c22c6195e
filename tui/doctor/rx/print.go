package rx

import (
	"fmt"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

// PrintInput is what the printable page shows.
type PrintInput struct {
	Clinic string
	Doctor store.Doctor
	Rx     store.Prescription
	Sketch string // the sketch as the editor holds it
	Date   time.Time
}

// pageWidth is the printout's width in characters.
const pageWidth = 72

// Printout is the prescription as a plain-text page: the clinic, the doctor and
// licence, the patient, the date, the diagnosis, the medications and tests, the sketch
// and a line to sign. Every stored string is made terminal-safe, so the file can be
// shown with cat.
func Printout(in PrintInput) string {
	var b strings.Builder
	rule := strings.Repeat("=", pageWidth)
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	safe := textsafe.Line
	line("%s", rule)
	line("%s", center(safe(in.Clinic)))
	line("%s", rule)
	d := in.Doctor
	doctor := safe(d.Name)
	if d.Qualification != "" {
		doctor += ", " + safe(d.Qualification)
	}
	line("Doctor:    %s", doctor)
	line("Licence:   %s", safe(d.LicenceNumber))
	line("Patient:   %s (%s)", safe(in.Rx.PatientName), safe(in.Rx.PatientCode))
	line("Date:      %s", in.Date.Format("2 January 2006"))
	line("Ref:       %s · %s", safe(in.Rx.Code), in.Rx.Status)
	line("")
	if in.Rx.Diagnosis != "" {
		line("Diagnosis: %s", safe(in.Rx.Diagnosis))
	}
	if in.Rx.Notes != "" {
		for _, l := range strings.Split(textsafe.Block(in.Rx.Notes), "\n") {
			line("           %s", l)
		}
	}
	line("")
	line("Rx")
	for i, med := range in.Rx.Medications {
		name := safe(FullName(med.Name, med.Strength, med.Form))
		line("%2d. %s", i+1, name)
		var how []string
		for _, s := range []string{med.Dosage, drugs.FrequencyText(med.Frequency)} {
			if s != "" {
				how = append(how, safe(s))
			}
		}
		if med.DurationDays > 0 {
			how = append(how, fmt.Sprintf("for %d days", med.DurationDays))
		}
		if med.Route != "" {
			how = append(how, safe(med.Route))
		}
		line("    %s", strings.Join(how, " · "))
		if med.Instructions != "" {
			line("    %s", safe(med.Instructions))
		}
		line("    Quantity: %d", med.Quantity)
		if med.AllergyOverrideReason != "" {
			line("    Allergy override: %s", safe(med.AllergyOverrideReason))
		}
	}
	if len(in.Rx.Tests) > 0 {
		line("")
		line("Tests")
		for _, t := range in.Rx.Tests {
			text := fmt.Sprintf(" -  %s (%s)", safe(t.Name), t.Priority)
			if t.Instructions != "" {
				text += " · " + safe(t.Instructions)
			}
			line("%s", text)
		}
	}
	if strings.TrimSpace(in.Sketch) != "" {
		line("")
		line("Sketch")
		for _, l := range strings.Split(textsafe.Block(in.Sketch), "\n") {
			line("  %s", l)
		}
	}
	line("")
	line("")
	line("%s", strings.Repeat(" ", pageWidth-30)+strings.Repeat("_", 30))
	line("%s", strings.Repeat(" ", pageWidth-30)+"Signature")
	line("%s", rule)
	return b.String()
}

func center(s string) string {
	pad := (pageWidth - len([]rune(s))) / 2
	return strings.Repeat(" ", max(0, pad)) + s
}
