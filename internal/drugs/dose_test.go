package drugs

import (
	"strings"
	"testing"
)

func TestMaxDoseFile(t *testing.T) {
	got, err := parseMaxDoses(maxDoseTSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 40 {
		t.Errorf("%d maximum doses, want at least 40", len(got))
	}
	for _, d := range got {
		if !(d.Amount > 0) || d.Source == "" {
			t.Errorf("%s: amount %v, source %q", d.Generic, d.Amount, d.Source)
		}
		if _, ok := DoseUnits[d.Unit]; !ok {
			t.Errorf("%s: unit %q", d.Generic, d.Unit)
		}
		if id := Identify(Medication{GenericName: d.Generic}); len(id.Generics) != 1 || id.Generics[0] != d.Generic {
			t.Errorf("%s: Identify gives %v", d.Generic, id.Generics)
		}
	}
	for _, bad := range []string{
		"paracetamol\t4\tg\n",
		"paracetamol\t0\tg\tBNF\n",
		"paracetamol\t-1\tg\tBNF\n",
		"paracetamol\tfour\tg\tBNF\n",
		"paracetamol\t4\ttablets\tBNF\n",
		"paracetamol\t4\tg\t\n",
		"unobtainium\t4\tg\tBNF\n",
		"paracetamol\t4\tg\tBNF\nacetaminophen\t4\tg\tFDA\n",
	} {
		if _, err := parseMaxDoses(bad); err == nil {
			t.Errorf("parseMaxDoses(%q) accepted", bad)
		}
	}
}

func TestCheckDose(t *testing.T) {
	type want struct {
		computable bool
		daily      string // DailyText
		above      bool
	}
	for _, c := range []struct {
		name, generic, strength, dosage, frequency string
		want
	}{
		{"Paracetamol 500 mg tablet", "paracetamol", "500 mg", "2 tablets", "QID", want{true, "4 g", false}},
		{"Paracetamol 500 mg tablet", "paracetamol", "500 mg", "2 tablets", "Q4H", want{true, "6 g", true}},
		{"Paracetamol 650 mg tablet", "paracetamol", "650 mg", "2 tablets", "QID", want{true, "5.2 g", true}},
		{"Paracetamol", "", "", "1 g", "QID", want{true, "4 g", false}},
		{"Paracetamol", "", "", "1 g", "PRN", want{}},
		{"Paracetamol 500 mg tablet", "paracetamol", "500 mg", "2 tablets", "weekly", want{}},
		{"Paracetamol 500 mg tablet", "paracetamol", "500 mg", "2 tablets", "every so often", want{}},
		{"Paracetamol 500 mg tablet", "paracetamol", "500 mg", "as directed", "QID", want{}},
		{"Ibuprofen 400 mg tablet", "ibuprofen", "400 mg", "1 tablet", "TDS", want{true, "1.2 g", false}},
		{"Brufen 400", "", "400 mg", "2 tablets", "QID", want{true, "3.2 g", true}},
		{"Ibuprofen 400 mg tablet", "ibuprofen", "400 mg", "1 tablet", "STAT", want{true, "0.4 g", false}},
		{"Ibuprofen 100 mg/5 mL suspension", "ibuprofen", "100 mg/5 mL", "10 mL", "TDS", want{true, "0.6 g", false}},
		{"Paracetamol 250 mg/5 mL suspension", "paracetamol", "250 mg/5 mL", "25 mL", "QID", want{true, "5 g", true}},
		{"Paracetamol 1 g/100 mL infusion", "paracetamol", "10 mg/mL", "100 mL", "Q6H", want{true, "4 g", false}},
		{"Paracetamol 250 mg/5 mL suspension", "paracetamol", "250 mg/5 mL", "2 tablets", "QID", want{}},
		{"Paracetamol 500 mg tablet", "paracetamol", "500 mg", "10 mL", "QID", want{}},
		{"Diclofenac 50 mg tablet", "diclofenac", "50 mg", "1 tablet", "TDS", want{true, "150 mg", false}},
		{"Diclofenac 50 mg tablet", "diclofenac", "50 mg", "1 tablet", "QID", want{true, "200 mg", true}},
		{"Tamsulosin 0.4 mg capsule", "tamsulosin", "0.4 mg", "1 capsule", "BD", want{true, "800 mcg", true}},
		{"Amlodipine 5 mg tablet", "amlodipine", "5 mg", "½ tablet", "OD", want{true, "2.5 mg", false}},
		{"Metformin 500 mg tablet", "metformin", "500 mg", "2", "TDS", want{true, "3 g", false}},
		{"Diclofenac 1% gel", "diclofenac", "1%", "apply thinly", "TDS", want{}},
		{"Co-amoxiclav 625 mg tablet", "amoxicillin + clavulanic acid", "500 mg/125 mg", "1 tablet", "TDS", want{}},
		{"Warfarin 5 mg tablet", "warfarin", "5 mg", "1 tablet", "OD", want{}},
		{"Unobtainium 5 mg", "", "5 mg", "1 tablet", "OD", want{}},
	} {
		got := CheckDose(Medication{Name: c.name, GenericName: c.generic}, c.strength, c.dosage, c.frequency)
		g := want{got.Computable, "", got.Above()}
		if got.Computable {
			g.daily = got.DailyText()
		}
		if g != c.want {
			t.Errorf("%s, %s %s %s: got %+v, want %+v", c.name, c.strength, c.dosage, c.frequency, g, c.want)
		}
	}
}

func TestMaxDoseString(t *testing.T) {
	d := CheckDose(Medication{GenericName: "ibuprofen"}, "400 mg", "2 tablets", "QID")
	if got := d.Max.String(); !strings.Contains(got, "2.4 g a day") || !strings.Contains(got, "BNF: ibuprofen") {
		t.Errorf("Max.String() = %q", got)
	}
}
