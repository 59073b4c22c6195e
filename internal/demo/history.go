package demo

import "time"

// Condition is an entry of the medical-history catalogue: a condition, when in life it is
// usually diagnosed, how common it is, and what a patient with it usually takes.
type Condition struct {
	Name string
	// Status is what medical_history records: chronic, active or resolved.
	Status string
	// OnsetMin and OnsetMax are the usual ages at diagnosis.
	OnsetMin, OnsetMax int
	// PerMille is how many in a thousand people past OnsetMax have it; younger people
	// have it in proportion to how far into the onset ages they are.
	PerMille int
	Sex      Sex // "" for either
	// Medications are the usual ongoing treatment.
	Medications []CurrentMedication
}

// CurrentMedication is a medicine a patient already takes, as current_medications stores it.
type CurrentMedication struct {
	Name      string // "Amlodipine 5 mg tablet"
	Dosage    string // "1 tablet"
	Frequency string // a Frequency code
}

// Conditions returns the medical-history catalogue.
func Conditions() []Condition { return append([]Condition(nil), conditions...) }

func cm(name, dosage, freq string) CurrentMedication {
	return CurrentMedication{Name: name, Dosage: dosage, Frequency: freq}
}

var conditions = []Condition{
	{"Essential hypertension", "chronic", 30, 75, 250, "", []CurrentMedication{cm("Amlodipine 5 mg tablet", "1 tablet", "OD")}},
	{"Essential hypertension", "chronic", 35, 75, 80, "", []CurrentMedication{cm("Telmisartan 40 mg tablet", "1 tablet", "OD")}},
	{"Type 2 diabetes mellitus", "chronic", 30, 70, 140, "", []CurrentMedication{cm("Metformin 500 mg tablet", "1 tablet", "BD")}},
	{"Type 2 diabetes mellitus", "chronic", 35, 70, 40, "", []CurrentMedication{
		cm("Metformin 1000 mg prolonged-release tablet", "1 tablet", "OD"), cm("Glimepiride 2 mg tablet", "1 tablet", "OD")}},
	{"Type 1 diabetes mellitus", "chronic", 3, 25, 3, "", []CurrentMedication{cm("Insulin glargine 100 units/mL pen", "units as charted", "HS")}},
	{"Dyslipidaemia", "chronic", 30, 70, 150, "", []CurrentMedication{cm("Atorvastatin 10 mg tablet", "1 tablet", "HS")}},
	{"Hypothyroidism", "chronic", 20, 65, 80, Female, []CurrentMedication{cm("Levothyroxine 50 mcg tablet", "1 tablet", "OD")}},
	{"Hypothyroidism", "chronic", 25, 70, 20, Male, []CurrentMedication{cm("Levothyroxine 50 mcg tablet", "1 tablet", "OD")}},
	{"Bronchial asthma", "chronic", 3, 40, 40, "", []CurrentMedication{
		cm("Budesonide + formoterol 200/6 mcg inhaler", "2 puffs", "BD"), cm("Salbutamol 100 mcg inhaler", "2 puffs", "PRN")}},
	{"Chronic obstructive pulmonary disease", "chronic", 45, 75, 40, "", []CurrentMedication{cm("Budesonide + formoterol 200/6 mcg inhaler", "2 puffs", "BD")}},
	{"Coronary artery disease", "chronic", 40, 80, 50, "", []CurrentMedication{
		cm("Aspirin 75 mg gastro-resistant tablet", "1 tablet", "OD"), cm("Atorvastatin 20 mg tablet", "1 tablet", "HS"),
		cm("Metoprolol succinate 50 mg prolonged-release tablet", "1 tablet", "OD")}},
	{"Atrial fibrillation", "chronic", 55, 90, 20, "", []CurrentMedication{cm("Warfarin 5 mg tablet", "1 tablet", "OD")}},
	{"Heart failure", "chronic", 55, 90, 15, "", []CurrentMedication{cm("Furosemide 40 mg tablet", "1 tablet", "OD"), cm("Ramipril 5 mg capsule", "1 capsule", "OD")}},
	{"Chronic kidney disease", "chronic", 45, 85, 30, "", nil},
	{"Osteoarthritis of knee", "chronic", 45, 80, 200, "", []CurrentMedication{cm("Paracetamol 650 mg tablet", "1 tablet", "PRN")}},
	{"Osteoporosis", "chronic", 50, 85, 150, Female, []CurrentMedication{cm("Alendronate 70 mg tablet", "1 tablet", "OW"),
		cm("Calcium carbonate + vitamin D3 500 mg/250 IU tablet", "1 tablet", "OD")}},
	{"Rheumatoid arthritis", "chronic", 25, 65, 10, "", []CurrentMedication{cm("Hydroxychloroquine 200 mg tablet", "1 tablet", "OD")}},
	{"Gout", "chronic", 30, 70, 20, Male, []CurrentMedication{cm("Allopurinol 100 mg tablet", "1 tablet", "OD")}},
	{"Gastro-oesophageal reflux disease", "chronic", 20, 70, 80, "", []CurrentMedication{cm("Pantoprazole 40 mg tablet", "1 tablet", "OD")}},
	{"Migraine", "chronic", 12, 45, 80, Female, nil},
	{"Migraine", "chronic", 12, 45, 30, Male, nil},
	{"Epilepsy", "chronic", 1, 40, 7, "", []CurrentMedication{cm("Levetiracetam 500 mg tablet", "1 tablet", "BD")}},
	{"Depression", "chronic", 15, 65, 40, "", []CurrentMedication{cm("Escitalopram 10 mg tablet", "1 tablet", "OD")}},
	{"Generalised anxiety disorder", "chronic", 15, 60, 30, "", []CurrentMedication{cm("Sertraline 50 mg tablet", "1 tablet", "OD")}},
	{"Benign prostatic hyperplasia", "chronic", 50, 80, 250, Male, []CurrentMedication{cm("Tamsulosin 0.4 mg capsule", "1 capsule", "HS")}},
	{"Polycystic ovary syndrome", "chronic", 15, 35, 80, Female, nil},
	{"Glaucoma", "chronic", 40, 85, 30, "", []CurrentMedication{cm("Timolol 0.5% eye drops", "1 drop in each eye", "BD")}},
	{"Psoriasis", "chronic", 15, 60, 10, "", nil},
	{"Allergic rhinitis", "chronic", 5, 40, 120, "", []CurrentMedication{cm("Levocetirizine 5 mg tablet", "1 tablet", "PRN")}},
	{"Atopic dermatitis", "resolved", 0, 5, 60, "", nil},
	{"Iron deficiency anaemia", "active", 1, 60, 100, Female, []CurrentMedication{cm("Ferrous sulfate 200 mg tablet", "1 tablet", "OD")}},
	{"Vitamin D deficiency", "active", 10, 80, 120, "", []CurrentMedication{cm("Colecalciferol 60,000 IU capsule", "1 capsule", "OW")}},
	{"Pulmonary tuberculosis, treated", "resolved", 15, 60, 15, "", nil},
	{"Dengue fever", "resolved", 5, 60, 40, "", nil},
	{"Typhoid fever", "resolved", 5, 50, 30, "", nil},
	{"Acute appendicitis, appendicectomy", "resolved", 8, 40, 30, "", nil},
	{"Gallstones, cholecystectomy", "resolved", 30, 65, 30, Female, nil},
	{"Cataract, operated", "resolved", 55, 85, 150, "", nil},
	{"Caesarean section", "resolved", 20, 40, 150, Female, nil},
}

// Allergen is an entry of the allergy catalogue.
type Allergen struct {
	Name     string // as recorded: "Penicillin", "Sulfa drugs", "Peanuts"
	Kind     string // drug, food, environment, other
	PerMille int    // how many in a thousand patients have it recorded
	// Reactions are the typical mild, moderate and severe reactions, in that order.
	Reactions [3]string
	// Severity weighs mild, moderate and severe, in that order.
	Severity [3]int
}

// Allergens returns the allergy catalogue.
func Allergens() []Allergen { return append([]Allergen(nil), allergens...) }

var allergens = []Allergen{
	{"Penicillin", "drug", 50, [3]string{"Itchy rash", "Urticaria with lip swelling", "Anaphylaxis"}, [3]int{45, 35, 20}},
	{"Amoxicillin", "drug", 10, [3]string{"Maculopapular rash", "Urticaria", "Angioedema"}, [3]int{50, 35, 15}},
	{"Sulfa drugs", "drug", 25, [3]string{"Rash", "Fever with widespread rash", "Stevens-Johnson syndrome"}, [3]int{50, 40, 10}},
	{"NSAIDs", "drug", 15, [3]string{"Urticaria", "Wheeze and nasal congestion", "Bronchospasm"}, [3]int{30, 45, 25}},
	{"Aspirin", "drug", 10, [3]string{"Urticaria", "Wheeze", "Bronchospasm"}, [3]int{30, 45, 25}},
	{"Ibuprofen", "drug", 5, [3]string{"Urticaria", "Facial swelling", "Angioedema"}, [3]int{40, 40, 20}},
	{"Cephalosporins", "drug", 5, [3]string{"Rash", "Urticaria", "Anaphylaxis"}, [3]int{45, 35, 20}},
	{"Ciprofloxacin", "drug", 4, [3]string{"Itching", "Rash", "Anaphylaxis"}, [3]int{60, 30, 10}},
	{"Codeine", "drug", 5, [3]string{"Itching", "Rash", "Breathing difficulty"}, [3]int{60, 30, 10}},
	{"Carbamazepine", "drug", 3, [3]string{"Rash", "Fever with rash", "Stevens-Johnson syndrome"}, [3]int{30, 40, 30}},
	{"Iodinated contrast", "drug", 5, [3]string{"Hives", "Facial swelling", "Anaphylactoid reaction"}, [3]int{45, 35, 20}},
	{"Latex", "other", 10, [3]string{"Contact dermatitis", "Urticaria", "Anaphylaxis"}, [3]int{55, 30, 15}},
	{"Peanuts", "food", 10, [3]string{"Oral itching", "Urticaria and vomiting", "Anaphylaxis"}, [3]int{30, 35, 35}},
	{"Tree nuts", "food", 5, [3]string{"Oral itching", "Urticaria", "Anaphylaxis"}, [3]int{35, 35, 30}},
	{"Shellfish", "food", 15, [3]string{"Itching", "Urticaria and vomiting", "Anaphylaxis"}, [3]int{35, 40, 25}},
	{"Eggs", "food", 8, [3]string{"Rash", "Vomiting", "Anaphylaxis"}, [3]int{55, 35, 10}},
	{"Cow's milk", "food", 8, [3]string{"Rash", "Vomiting and diarrhoea", "Anaphylaxis"}, [3]int{55, 35, 10}},
	{"Soy", "food", 3, [3]string{"Rash", "Abdominal pain", "Anaphylaxis"}, [3]int{60, 30, 10}},
	{"House dust mite", "environment", 60, [3]string{"Sneezing", "Persistent rhinitis", "Wheeze"}, [3]int{70, 25, 5}},
	{"Pollen", "environment", 40, [3]string{"Sneezing", "Itchy eyes and runny nose", "Wheeze"}, [3]int{75, 22, 3}},
	{"Cat dander", "environment", 15, [3]string{"Sneezing", "Itchy eyes", "Wheeze"}, [3]int{65, 30, 5}},
	{"Mould", "environment", 10, [3]string{"Sneezing", "Cough", "Wheeze"}, [3]int{65, 30, 5}},
	{"Bee and wasp stings", "environment", 8, [3]string{"Local swelling", "Large local swelling", "Anaphylaxis"}, [3]int{45, 30, 25}},
	{"Nickel", "other", 15, [3]string{"Itchy rash", "Contact dermatitis", "Blistering dermatitis"}, [3]int{70, 28, 2}},
	{"Adhesive tape", "other", 8, [3]string{"Redness", "Contact dermatitis", "Blistering"}, [3]int{75, 23, 2}},
}

// HistoryEntry is one row of a patient's medical history.
type HistoryEntry struct {
	Condition   string
	DiagnosedOn time.Time
	Status      string
}

// AllergyEntry is one recorded allergy.
type AllergyEntry struct {
	Allergen string
	Reaction string
	Severity string // mild, moderate, severe
}

// MedicationEntry is one medicine the patient takes.
type MedicationEntry struct {
	CurrentMedication
	StartedOn time.Time
}

// Chart is a patient's background: history, allergies and current medicines.
type Chart struct {
	History     []HistoryEntry
	Allergies   []AllergyEntry
	Medications []MedicationEntry
}

var severities = [3]string{"mild", "moderate", "severe"}

// NewChart draws a patient's history, allergies and medicines, consistent with the
// person's age and sex: conditions diagnosed at plausible ages, medicines started after
// the diagnosis, nothing dated after today.
func NewChart(r *Rand, p Person) Chart {
	var c Chart
	today := r.Today()
	years := p.Age(today)
	seen := map[string]bool{}
	for _, cond := range conditions {
		if years < cond.OnsetMin || cond.Sex != "" && cond.Sex != p.Sex || seen[cond.Name] {
			continue
		}
		span := cond.OnsetMax - cond.OnsetMin + 1
		reach := min(years-cond.OnsetMin+1, span)
		if r.IntN(1000*span) >= cond.PerMille*reach {
			continue
		}
		seen[cond.Name] = true
		at := r.Between(cond.OnsetMin, min(years, cond.OnsetMax))
		diagnosed := p.DOB.AddDate(at, 0, r.IntN(365))
		if !diagnosed.Before(today) {
			diagnosed = today.AddDate(0, 0, -r.Between(1, 60))
		}
		if diagnosed.Before(p.DOB) {
			diagnosed = p.DOB
		}
		c.History = append(c.History, HistoryEntry{Condition: cond.Name, DiagnosedOn: diagnosed, Status: cond.Status})
		if cond.Status == "resolved" {
			continue
		}
		for _, m := range cond.Medications {
			started := diagnosed.AddDate(0, 0, r.IntN(30))
			if started.After(today) {
				started = today
			}
			c.Medications = append(c.Medications, MedicationEntry{CurrentMedication: m, StartedOn: started})
		}
	}
	for _, a := range allergens {
		if !r.Chance(a.PerMille) {
			continue
		}
		sev := Weighted(r, a.Severity[:])
		c.Allergies = append(c.Allergies, AllergyEntry{Allergen: a.Name, Reaction: a.Reactions[sev], Severity: severities[sev]})
	}
	return c
}
