package drugs

import (
	"slices"
	"strings"
	"testing"
)

func TestBrandsFile(t *testing.T) {
	got, err := parseBrands(brandsTSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 150 {
		t.Errorf("%d brands, want at least 150", len(got))
	}
	for _, b := range got {
		if _, ok := aliasIndex[phrase(b.Name)]; ok {
			t.Errorf("brand %q is also a class alias", b.Name)
		}
	}
	for _, bad := range []string{
		"Brufen\n",
		"Brufen\tibuprofen\textra\n",
		"Brufen\tibuprofen\nbrufen\tibuprofen\n",
		"Brufen\tunobtainium\n",
		"Augmentin\tamoxicillin + unobtainium\n",
		"Ibuprofen\tibuprofen\n",
		"\tibuprofen\n",
	} {
		if _, err := parseBrands(bad); err == nil {
			t.Errorf("parseBrands(%q) accepted it", bad)
		}
	}
	if got, err := parseBrands("# a comment\n\nBrufen\tibuprofen\n"); err != nil || len(got) != 1 {
		t.Errorf("comment and blank line: %v, %v", got, err)
	}
}

func TestBrandGeneric(t *testing.T) {
	for in, want := range map[string]string{
		"Brufen":               "ibuprofen",
		"Brufen 400":           "ibuprofen",
		"BRUFEN 400 mg tab":    "ibuprofen",
		" brufen-400 ":         "ibuprofen",
		"Panadol Extra":        "paracetamol",
		"Crocin 650":           "paracetamol",
		"Calpol 250 mg/5 mL":   "paracetamol",
		"Augmentin 625 Duo":    "amoxicillin + clavulanic acid",
		"Voltaren gel":         "diclofenac",
		"Lipitor 20":           "atorvastatin",
		"Zocor":                "simvastatin",
		"Glucophage SR 500":    "metformin",
		"Norvasc":              "amlodipine",
		"Zestril":              "lisinopril",
		"Coumadin 5":           "warfarin",
		"Prozac":               "fluoxetine",
		"Zoloft":               "sertraline",
		"Ventolin inhaler":     "salbutamol",
		"Nexium 40":            "esomeprazole",
		"Losec":                "omeprazole",
		"Zyrtec":               "cetirizine",
		"Flagyl 400":           "metronidazole",
		"Cipro 500":            "ciprofloxacin",
		"Zithromax":            "azithromycin",
		"Lasix":                "furosemide",
		"Aldactone 25":         "spironolactone",
		"Synthroid":            "levothyroxine",
		"Eltroxin 50 mcg":      "levothyroxine",
		"Plavix":               "clopidogrel",
		"Ecosprin 75":          "aspirin",
		"Disprin":              "aspirin",
		"Taxim-O 200":          "cefixime",
		"taxim o":              "cefixime",
		"Solu-Cortef 100 mg":   "hydrocortisone",
		"Refresh Tears":        "carmellose",
		"Septran DS":           "co-trimoxazole",
		"Combiflam":            "ibuprofen + paracetamol",
		"Shelcal 500":          "calcium carbonate + colecalciferol",
		"tab. Dolo 650 1 BD":   "paracetamol",
		"Ultracet":             "tramadol + paracetamol",
		"Symbicort 200/6":      "budesonide + formoterol",
		"Solu-Cortef":          "hydrocortisone",
		"Neo-Mercazole 5":      "carbimazole",
		"Primolut-N 5":         "norethisterone",
		"Slow-K 600":           "potassium chloride",
		"EpiPen 0.3 mg":        "adrenaline",
		"Xarelto 20":           "rivaroxaban",
		"Viagra 50":            "sildenafil",
		"Lanoxin 62.5 mcg":     "digoxin",
		"Cordarone X 200":      "amiodarone",
		"Deriphyllin retard":   "theophylline",
		"Imuran 50":            "azathioprine",
		"Zyloric 100":          "allopurinol",
		"Haldol":               "haloperidol",
		"Priadel 400":          "lithium",
		"Imigran 50":           "sumatriptan",
		"Nardil":               "phenelzine",
		"Folitrax 7.5":         "methotrexate",
		"Klacid 500":           "clarithromycin",
		"Zovirax cream":        "aciclovir",
		"Sorbitrate 5":         "isosorbide dinitrate",
		"Nitrostat 0.4":        "glyceryl trinitrate",
		"Montair LC":           "montelukast",
		"Asthalin respules":    "salbutamol",
		"Lantus SoloStar":      "insulin glargine",
		"Mixtard 30":           "biphasic isophane insulin",
		"Zerodol-P":            "aceclofenac",
		"Telma 40":             "telmisartan",
		"Januvia 100 mg":       "sitagliptin",
		"Galvus":               "vildagliptin",
		"Amaryl 2":             "glimepiride",
		"Diamicron MR 60":      "gliclazide",
		"Tegretol CR 200":      "carbamazepine",
		"Epilim chrono":        "sodium valproate",
		"Keppra":               "levetiracetam",
		"Seroquel":             "quetiapine",
		"Xanax 0.25":           "alprazolam",
		"Rivotril":             "clonazepam",
		"Ativan":               "lorazepam",
		"Pantocid 40":          "pantoprazole",
		"Emeset 4":             "ondansetron",
		"Zofran":               "ondansetron",
		"Allegra 120":          "fexofenadine",
		"Meftal spas":          "mefenamic acid",
		"Arcoxia 90":           "etoricoxib",
		"Diflucan 150":         "fluconazole",
		"Zentel":               "albendazole",
		"HCQS 200":             "hydroxychloroquine",
		"Tamiflu":              "oseltamivir",
		"Buscopan":             "hyoscine butylbromide",
		"Digene gel":           "aluminium hydroxide + magnesium hydroxide",
		"Urimax 0.4":           "tamsulosin",
		"Betnovate":            "betamethasone",
		"Xylocaine 2%":         "lidocaine",
		"Lyrica 75":            "pregabalin",
		"Tryptomer 10":         "amitriptyline",
		"Restyl":               "alprazolam",
		"Nexito 10":            "escitalopram",
		"Fludac":               "fluoxetine",
		"Cardace 5":            "ramipril",
		"Stamlo 5":             "amlodipine",
		"Glycomet GP":          "metformin",
		"Thyronorm 50":         "levothyroxine",
		"Cozaar":               "losartan",
		"Concor 5":             "bisoprolol",
		"Inderal LA":           "propranolol",
		"Warf 5":               "warfarin",
		"Clopilet 75":          "clopidogrel",
		"Crestor 10":           "rosuvastatin",
		"Rocephin 1 g":         "ceftriaxone",
		"Azithral 500":         "azithromycin",
		"Ciplox 500":           "ciprofloxacin",
		"Metrogyl 400":         "metronidazole",
		"Bactrim DS":           "co-trimoxazole",
		"Dalacin C 300":        "clindamycin",
		"Keflex 500":           "cefalexin",
		"Mox 500":              "amoxicillin",
		"Voveran SR 100":       "diclofenac",
		"Brufen Retard 800 mg": "ibuprofen",
	} {
		got, ok := BrandGeneric(in)
		if !ok || got != want {
			t.Errorf("BrandGeneric(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"ibuprofen", "paracetamol 500 mg", "Unknown Pharma 10", "", "pause", "candid"} {
		if got, ok := BrandGeneric(in); ok {
			t.Errorf("BrandGeneric(%q) = %q, want none", in, got)
		}
	}
}

func TestIdentify(t *testing.T) {
	for _, tc := range []struct {
		name     string
		med      Medication
		brand    string
		generics []string // each must be among the identity's generics
		classes  []string // each must be among its classes
		known    bool
	}{
		{"brand with strength", Medication{Name: "Brufen 400"}, "Brufen", []string{"ibuprofen"}, []string{NSAIDs}, true},
		{"generic free text", Medication{Name: "ibuprofen 400 mg tab"}, "", []string{"ibuprofen"}, []string{NSAIDs}, true},
		{"generic upper case, odd spaces", Medication{Name: "  WARFARIN   5mg "}, "", []string{"warfarin"}, []string{VitaminKAntagonists}, true},
		{"synonym", Medication{Name: "Acetaminophen 500"}, "", []string{"paracetamol"}, []string{Anilides}, true},
		{"class named", Medication{Name: "any NSAID gel"}, "", nil, []string{NSAIDs}, true},
		{"class given", Medication{Name: "House mixture", Class: Statins}, "", nil, []string{Statins}, true},
		{"combination brand", Medication{Name: "Augmentin 625"}, "Augmentin", []string{"amoxicillin", "clavulanic acid"}, []string{Penicillins}, true},
		{"combination parts", Medication{Name: "Co-trimoxazole 960 mg tablet"}, "", []string{"co-trimoxazole", "sulfamethoxazole", "trimethoprim"}, []string{Sulfonamides}, true},
		{"generic with plus", Medication{GenericName: "sulfamethoxazole + trimethoprim"}, "", []string{"trimethoprim"}, []string{Sulfonamides}, true},
		{"unclassified generic", Medication{Name: "Methotrexate 2.5 mg tablet"}, "", []string{"methotrexate"}, nil, true},
		{"number in a name", Medication{Name: "Vitamin D3 60000 IU"}, "", []string{"colecalciferol"}, nil, true},
		{"strength inside a name", Medication{Name: "Glyceryl 0.5 mg trinitrate"}, "", []string{"glyceryl trinitrate"}, []string{Nitrates}, true},
		{"unknown", Medication{Name: "Dr Rao's herbal tonic 10 mL"}, "", nil, nil, false},
		{"empty", Medication{}, "", nil, nil, false},
		{"only strength", Medication{Name: "500 mg tablet"}, "", nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := Identify(tc.med)
			if id.Known() != tc.known || id.Brand != tc.brand {
				t.Fatalf("Identify(%+v) = %+v", tc.med, id)
			}
			for _, g := range tc.generics {
				if !slices.Contains(id.Generics, g) {
					t.Errorf("generics %v lack %q", id.Generics, g)
				}
			}
			for _, c := range tc.classes {
				if !slices.Contains(id.Classes, c) {
					t.Errorf("classes %v lack %q", id.Classes, c)
				}
			}
		})
	}
}

func TestAllergyMatchByBrand(t *testing.T) {
	for _, tc := range []struct {
		allergen string
		med      Medication
		kind     Kind
		reason   string
	}{
		{"NSAIDs", Medication{Name: "Brufen 400"}, ByClass, "Ibuprofen is an NSAID; patient is allergic to NSAIDs"},
		{"ibuprofen", Medication{Name: "Brufen 400"}, ByGenericName, "Brufen 400 (ibuprofen) matches by generic name"},
		{"penicillin", Medication{Name: "Augmentin 625 Duo"}, ByClass, "a penicillin"},
		{"Augmentin", Medication{Name: "Amoxicillin 500 mg capsule", GenericName: "amoxicillin"}, ByGenericName, "patient is allergic to Augmentin"},
		{"Brufen", Medication{Name: "Diclofenac 50 mg tablet", GenericName: "diclofenac"}, BySibling, "as is ibuprofen"},
	} {
		m, ok := AllergyMatch(tc.allergen, tc.med)
		if !ok || m.Kind != tc.kind || !strings.Contains(m.Reason, tc.reason) {
			t.Errorf("AllergyMatch(%q, %+v) = %+v, %v; want %v containing %q", tc.allergen, tc.med, m, ok, tc.kind, tc.reason)
		}
	}
	if m, ok := AllergyMatch("penicillin", Medication{Name: "Brufen 400"}); ok {
		t.Errorf("penicillin allergy matched Brufen: %v", m)
	}
}
