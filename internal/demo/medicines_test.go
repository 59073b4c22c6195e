package demo

import (
	"slices"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
)

func TestMedicines(t *testing.T) {
	t.Parallel()
	ms := Medicines()
	if len(ms) < 120 {
		t.Errorf("only %d medicines", len(ms))
	}
	classes := map[string]bool{"": true}
	for _, c := range drugs.Classes() {
		classes[c.Name] = true
	}
	names := map[string]bool{}
	otc := 0
	for _, m := range ms {
		if names[m.Name] {
			t.Errorf("duplicate inventory name %q", m.Name)
		}
		names[m.Name] = true
		if !classes[m.Class] {
			t.Errorf("%s: class %q is unknown to internal/drugs", m.Name, m.Class)
		}
		if got := drugs.ClassOf(m.GenericName); got != m.Class {
			t.Errorf("%s: class %q, but internal/drugs says %q for %q", m.Name, m.Class, got, m.GenericName)
		}
		if m.GenericName != strings.ToLower(m.GenericName) || m.GenericName == "" {
			t.Errorf("%s: generic name %q", m.Name, m.GenericName)
		}
		if !slices.Contains(Forms, m.Form) {
			t.Errorf("%s: form %q", m.Name, m.Form)
		}
		if m.Strength == "" || m.Unit == "" || m.Route == "" || m.PriceCents <= 0 || m.MinStock <= 0 {
			t.Errorf("%s: incomplete: %+v", m.Name, m)
		}
		if m.OTC {
			otc++
		}
	}
	if otc == 0 || otc == len(ms) {
		t.Errorf("%d of %d over the counter", otc, len(ms))
	}
	for name, route := range map[string]string{
		"Moxifloxacin 0.5% eye drops":       "ophthalmic",
		"Ofloxacin 0.3% ear drops":          "otic",
		"Insulin glargine 100 units/mL pen": "subcutaneous",
		"Clotrimazole 1% cream":             "topical",
		"Salbutamol 100 mcg inhaler":        "inhaled",
		"Amoxicillin 500 mg capsule":        "oral",
	} {
		if m, ok := MedicineNamed(name); !ok || m.Route != route {
			t.Errorf("%s: route %q, want %q", name, m.Route, route)
		}
	}
}

func TestInventoryStocksWhatDoctorsPrescribe(t *testing.T) {
	t.Parallel()
	for _, s := range Sizes() {
		inv := Inventory(s.Counts().InventoryItems)
		if len(inv) != s.Counts().InventoryItems {
			t.Errorf("%v: %d items", s, len(inv))
		}
		stocked := map[string]bool{}
		for _, m := range inv {
			stocked[m.Name] = true
		}
		for spec, ds := range diagnoses {
			for _, d := range ds {
				for _, l := range d.Rx {
					if !stocked[l.Medicine] {
						t.Errorf("%v: %s / %s prescribes %q, which is not stocked", s, spec, d.Name, l.Medicine)
					}
				}
			}
		}
	}
	if n := len(Inventory(10_000)); n != len(medicines) {
		t.Errorf("Inventory(10000) has %d items", n)
	}
}

// TestMedicinesAreRecognised checks that the drug table knows every catalogue item by
// its name alone, as a doctor would write it as free text, and gives it the catalogue's
// class, so none is "not checked for allergies or interactions".
func TestMedicinesAreRecognised(t *testing.T) {
	for _, m := range Medicines() {
		id := drugs.Identify(drugs.Medication{Name: m.Name})
		if !id.Known() {
			t.Errorf("%s is not recognised by its name", m.Name)
		}
		if m.Class != "" && !slices.Contains(id.Classes, m.Class) {
			t.Errorf("%s: classes %v lack %s", m.Name, id.Classes, m.Class)
		}
	}
}
