package store

import (
	"slices"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
)

// WarnAllergy is a recorded allergy the medicine matches (drugs.Match).
const WarnAllergy WarningKind = "allergy"

// FromThisSale is where an OtherMedication comes from when it is another item of the
// same walk-in sale.
const FromThisSale = "this sale"

// CounterWarning is one warning about a line handed over at the pharmacy counter (a
// prescription's line or an item of a walk-in sale to a named patient), as the
// pharmacist is shown it and acknowledges it.
type CounterWarning struct {
	// Key names the warning the same way each time it is worked out, so that an
	// acknowledgement (and a doctor's override) can be matched to it.
	Key      string
	Kind     WarningKind
	Severity string // the allergy's recorded severity, or the interaction's
	Text     string // the warning in a sentence or two
	// Blocking is true for an allergy, a severe interaction and a medicine the drug table
	// does not recognise: Dispense refuses to hand the line over until it is
	// acknowledged.
	Blocking bool
	// Override is the doctor's reason that covers it, "" when none does.
	Override string
}

// NeedsNote reports whether the pharmacist must say why the line is handed over anyway:
// a blocking warning that no doctor's override covers.
func (w CounterWarning) NeedsNote() bool { return w.Blocking && w.Override == "" }

// Acknowledgement is the pharmacist's acknowledgement of one CounterWarning (by its
// Key), with a note where the warning needs one.
type Acknowledgement struct {
	Key  string
	Note string
}

// CounterContext is what the lines handed over to one patient are checked against.
type CounterContext struct {
	Allergies []Allergy
	Patient   DosePatient
	// Others are the patient's other medicines: for a prescription's line its other
	// lines (PrescriptionContext) and the patient's other medications; for a sale's item
	// the sale's other items (FromThisSale) and the patient's other medications.
	Others []OtherMedication
	// Overrides are the doctor's overrides on the prescription's lines, by warning key:
	// the reason given for it.
	Overrides map[string]string
}

// PrescriptionOverrides are the doctor's overrides on rx's lines by warning key, for a
// CounterContext.
func PrescriptionOverrides(rx Prescription) map[string]string {
	out := map[string]string{}
	for _, m := range rx.Medications {
		for _, o := range m.Overrides {
			out[o.Key] = m.AllergyOverrideReason
		}
	}
	return out
}

// CounterWarnings returns every warning about line, handed over to the patient c
// describes, from the same checks as prescribing (MedicationWarnings, LineWarnings):
// each allergy it matches, then "not checked" when the drug table does not recognise
// it, its interactions, a dose above the adult maximum, a child's dose to confirm. med
// is the prescription's line it is dispensed for, nil for a sale's item: its doctor's
// override covers the allergies and severe interactions its overrides name (every one,
// for a line written before overrides were named).
func CounterWarnings(c CounterContext, line MedicationLine, med *PrescribedMedication) []CounterWarning {
	var out []CounterWarning
	name := strings.TrimSpace(line.Name)
	for _, m := range MedicationWarnings(c.Allergies, line)[0] {
		out = append(out, CounterWarning{Key: AllergyKey(m.Allergen, name), Kind: WarnAllergy, Severity: m.Severity,
			Text: sentence(m.String()), Blocking: true})
	}
	for _, w := range LineWarnings(c.Patient, c.Others, line)[0] {
		cw := CounterWarning{Kind: w.Kind, Severity: w.Severity, Text: w.String(), Key: string(w.Kind)}
		switch w.Kind {
		case WarnInteraction:
			cw.Key, cw.Blocking = InteractionKey(w.Interaction, name, w.With), w.NeedsOverride()
		case WarnUnchecked:
			cw.Blocking = true
		}
		out = append(out, cw)
	}
	legacy := med != nil && med.AllergyOverrideReason != "" && len(med.Overrides) == 0
	for i, w := range out {
		if !w.Blocking || w.Kind == WarnUnchecked {
			continue
		}
		if reason, ok := c.Overrides[w.Key]; ok {
			out[i].Override = reason
		} else if legacy {
			out[i].Override = med.AllergyOverrideReason
		}
	}
	return out
}

// AllergyKey names the warning that the medicine name matches the allergy allergen.
func AllergyKey(allergen, name string) string {
	return "allergy:" + strings.ToLower(strings.TrimSpace(allergen)) + ":" + strings.ToLower(strings.TrimSpace(name))
}

// InteractionKey names the warning that the medicines a and b interact by rule r; it is
// the same whichever of the two is warned about.
func InteractionKey(r drugs.Rule, a, b string) string {
	pair := []string{strings.ToLower(strings.TrimSpace(a)), strings.ToLower(strings.TrimSpace(b))}
	slices.Sort(pair)
	return "interaction:" + strings.ToLower(r.A+"+"+r.B) + ":" + pair[0] + "|" + pair[1]
}

// Unacknowledged returns the first blocking warning acks leave unacknowledged, or
// without the note it needs; ok is false when there is none.
func Unacknowledged(warnings []CounterWarning, acks []Acknowledgement) (w CounterWarning, noteMissing, ok bool) {
	for _, w := range warnings {
		if !w.Blocking {
			continue
		}
		i := slices.IndexFunc(acks, func(a Acknowledgement) bool { return a.Key == w.Key })
		switch {
		case i < 0:
			return w, false, true
		case w.NeedsNote() && strings.TrimSpace(acks[i].Note) == "":
			return w, true, true
		}
	}
	return CounterWarning{}, false, false
}

// AcknowledgeAll acknowledges every warning with note: what the pharmacist does who has
// read them all and confirms. The note is kept on each, also where none was required
// (a note the pharmacist chose to write is never dropped); "" leaves them without.
func AcknowledgeAll(warnings []CounterWarning, note string) []Acknowledgement {
	out := make([]Acknowledgement, 0, len(warnings))
	for _, w := range warnings {
		out = append(out, Acknowledgement{Key: w.Key, Note: note})
	}
	return out
}

// WarningSummary is a warning in a few words, for printouts and short rows: "allergy to
// penicillin (moderate)", "severe interaction with Warfarin 5 mg (current medication)".
func WarningSummary(kind WarningKind, text string) string {
	switch kind {
	case WarnAllergy:
		if _, allergen, ok := strings.Cut(text, "patient is allergic to "); ok {
			return "allergy to " + strings.TrimSuffix(allergen, ".")
		}
		return "allergy"
	case WarnInteraction:
		if head, _, ok := strings.Cut(text, ": "); ok {
			return strings.ToLower(head[:1]) + head[1:]
		}
		return "interaction"
	case WarnUnchecked:
		return "a medicine not checked for allergies or interactions"
	case WarnDose:
		return "a dose above the usual adult maximum"
	case WarnPaediatric:
		return "a child's dose"
	}
	return string(kind)
}
