package demo

// Diagnosis is a common diagnosis of a speciality with the treatment and investigations a
// doctor typically writes for it.
type Diagnosis struct {
	Name string
	// MinAge and MaxAge bound the patients it fits (MaxAge 0: no upper bound); Sex is ""
	// for either.
	MinAge, MaxAge int
	Sex            Sex
	Rx             []RxLine
	Tests          []string // LabTest codes
	Advice         string
}

// Fits reports whether the diagnosis suits a patient of this age and sex.
func (d Diagnosis) Fits(age int, sex Sex) bool {
	return age >= d.MinAge && (d.MaxAge == 0 || age <= d.MaxAge) && (d.Sex == "" || d.Sex == sex)
}

// Diagnoses returns the diagnoses of a speciality.
func Diagnoses(speciality string) []Diagnosis {
	return append([]Diagnosis(nil), diagnoses[speciality]...)
}

// PickDiagnosis chooses a diagnosis of the speciality that fits the patient, or any of
// the speciality's when none fits.
func PickDiagnosis(r *Rand, speciality string, age int, sex Sex) Diagnosis {
	all := diagnoses[speciality]
	var fit []Diagnosis
	for _, d := range all {
		if d.Fits(age, sex) {
			fit = append(fit, d)
		}
	}
	if len(fit) == 0 {
		fit = all
	}
	return Pick(r, fit)
}

const (
	afterFood   = "after food"
	beforeFood  = "30 minutes before food"
	emptyStomac = "on an empty stomach, 30 minutes before breakfast"
)

// Shared treatments.
var (
	feverAdult = rx("Paracetamol 650 mg tablet", "1 tablet", 1, "TDS", 3, afterFood+"; not more than 4 tablets a day")
	feverChild = rx("Paracetamol 250 mg/5 mL suspension", "5 mL", 0, "QID", 3, "only if temperature is above 38.5 °C")
	ors        = rx("Oral rehydration salts sachet", "1 sachet in 1 litre of water", 1, "PRN", 3, "sip after every loose stool")
)

var diagnoses = map[string][]Diagnosis{
	"General Practice": {
		{Name: "Acute upper respiratory tract infection", MinAge: 12,
			Rx:     []RxLine{feverAdult, rx("Cetirizine 10 mg tablet", "1 tablet", 1, "HS", 5, "may cause drowsiness")},
			Advice: "Warm fluids, steam inhalation, rest."},
		{Name: "Acute upper respiratory tract infection", MaxAge: 11,
			Rx:     []RxLine{feverChild, rx("Cetirizine 5 mg/5 mL syrup", "5 mL", 0, "OD", 5, "")},
			Advice: "Plenty of fluids; return if breathing is fast or the child is drowsy."},
		{Name: "Acute bacterial pharyngitis", MinAge: 12,
			Rx:    []RxLine{rx("Amoxicillin 500 mg capsule", "1 capsule", 1, "TDS", 5, "complete the course"), feverAdult},
			Tests: []string{"Throat swab"}},
		{Name: "Viral fever", MinAge: 12,
			Rx:     []RxLine{feverAdult, ors},
			Tests:  []string{"CBC", "NS1", "MP"},
			Advice: "Avoid painkillers other than paracetamol until dengue is ruled out."},
		{Name: "Acute gastroenteritis", MinAge: 12,
			Rx: []RxLine{ors, rx("Ondansetron 4 mg tablet", "1 tablet", 1, "PRN", 2, "for vomiting; not more than 3 a day")}},
		{Name: "Uncomplicated urinary tract infection", MinAge: 16, Sex: Female,
			Rx:    []RxLine{rx("Nitrofurantoin 100 mg capsule", "1 capsule", 1, "BD", 5, afterFood), feverAdult},
			Tests: []string{"Urine R/M", "Urine C/S"}},
		{Name: "Essential hypertension", MinAge: 30,
			Rx:    []RxLine{rx("Amlodipine 5 mg tablet", "1 tablet", 1, "OD", 30, "")},
			Tests: []string{"KFT", "Electrolytes", "Lipid", "ECG"}, Advice: "Salt under 5 g a day; walk 30 minutes daily."},
		{Name: "Type 2 diabetes mellitus", MinAge: 30,
			Rx:    []RxLine{rx("Metformin 500 mg tablet", "1 tablet", 1, "BD", 30, afterFood)},
			Tests: []string{"FBS", "PPBS", "HbA1c", "Lipid", "KFT", "UACR"}},
		{Name: "Gastritis", MinAge: 14,
			Rx: []RxLine{rx("Pantoprazole 40 mg tablet", "1 tablet", 1, "OD", 14, beforeFood)}},
		{Name: "Mechanical low back pain", MinAge: 18,
			Rx: []RxLine{rx("Ibuprofen 400 mg tablet", "1 tablet", 1, "TDS", 5, afterFood),
				rx("Diclofenac 1% gel", "apply thinly", 0, "TDS", 7, "to the painful area")},
			Advice: "Stay active; avoid bed rest."},
		{Name: "Iron deficiency anaemia", MinAge: 12,
			Rx:    []RxLine{rx("Ferrous sulfate 200 mg tablet", "1 tablet", 1, "OD", 90, "with orange juice; stools may turn black")},
			Tests: []string{"CBC", "Ferritin", "PS"}},
	},
	"Paediatrics": {
		{Name: "Acute viral upper respiratory infection",
			Rx: []RxLine{feverChild, rx("Cetirizine 5 mg/5 mL syrup", "2.5 mL", 0, "BD", 5, "")}},
		{Name: "Acute otitis media", MinAge: 1, MaxAge: 12,
			Rx: []RxLine{packs(rx("Amoxicillin 125 mg/5 mL suspension", "7.5 mL", 0, "TDS", 5, "shake well; complete the course"), 2),
				rx("Ibuprofen 100 mg/5 mL suspension", "5 mL", 0, "TDS", 3, afterFood)}},
		{Name: "Acute gastroenteritis with some dehydration", MaxAge: 12,
			Rx:     []RxLine{ors, rx("Zinc sulfate 20 mg dispersible tablet", "1 tablet dissolved in water", 1, "OD", 14, "")},
			Advice: "Continue breastfeeding and normal food; return if the child stops drinking."},
		{Name: "Wheeze-associated lower respiratory infection", MaxAge: 6,
			Rx: []RxLine{rx("Salbutamol 2.5 mg/2.5 mL respule", "1 respule by nebuliser", 1, "TDS", 3, ""), feverChild}},
		{Name: "Intestinal worm infestation", MinAge: 2,
			Rx:    []RxLine{rx("Albendazole 200 mg/5 mL suspension", "10 mL", 0, "STAT", 1, "single dose")},
			Tests: []string{"Stool R/M"}},
		{Name: "Atopic dermatitis",
			Rx: []RxLine{rx("Hydrocortisone 1% cream", "apply thinly", 0, "BD", 7, "to the patches only"),
				rx("Cetirizine 5 mg/5 mL syrup", "5 mL", 0, "HS", 7, "")}},
		{Name: "Scabies", MinAge: 2,
			Rx:     []RxLine{rx("Permethrin 5% cream", "apply neck down", 0, "STAT", 1, "wash off after 8–12 hours; repeat after 7 days")},
			Advice: "Treat all family members the same night; wash bedding in hot water."},
		{Name: "Routine immunisation visit", Advice: "Vaccines given as per the national schedule."},
	},
	"Obstetrics and Gynaecology": {
		{Name: "Primary dysmenorrhoea", MinAge: 12, MaxAge: 40,
			Rx: []RxLine{rx("Mefenamic acid 500 mg tablet", "1 tablet", 1, "TDS", 3, afterFood+", during periods")}},
		{Name: "Polycystic ovary syndrome", MinAge: 15, MaxAge: 45,
			Rx:    []RxLine{rx("Metformin 500 mg tablet", "1 tablet", 1, "BD", 90, afterFood)},
			Tests: []string{"USG pelvis", "TSH", "Prolactin", "FBS", "Lipid"}, Advice: "Weight loss of 5–10% helps."},
		{Name: "Vulvovaginal candidiasis", MinAge: 15,
			Rx: []RxLine{rx("Fluconazole 150 mg tablet", "1 tablet", 1, "STAT", 1, "single dose")}},
		{Name: "Normal pregnancy, antenatal care", MinAge: 18, MaxAge: 42,
			Rx: []RxLine{rx("Folic acid 5 mg tablet", "1 tablet", 1, "OD", 30, ""),
				rx("Calcium carbonate + vitamin D3 500 mg/250 IU tablet", "1 tablet", 1, "BD", 30, afterFood)},
			Tests: []string{"CBC", "BG-Rh", "TSH", "HIV", "HBsAg", "Urine R/M", "USG obstetric"}},
		{Name: "Heavy menstrual bleeding", MinAge: 14, MaxAge: 52,
			Rx:    []RxLine{rx("Tranexamic acid 500 mg tablet", "2 tablets", 2, "TDS", 4, "during heavy days only")},
			Tests: []string{"CBC", "USG pelvis", "TSH"}},
		{Name: "Menopausal symptoms", MinAge: 45,
			Rx:    []RxLine{rx("Calcium carbonate + vitamin D3 500 mg/250 IU tablet", "1 tablet", 1, "OD", 90, afterFood)},
			Tests: []string{"Lipid", "DEXA"}},
	},
	"General Medicine": {
		{Name: "Dengue fever without warning signs",
			Rx:     []RxLine{rx("Paracetamol 650 mg tablet", "1 tablet", 1, "QID", 5, "not more than 4 tablets a day"), ors},
			Tests:  []string{"CBC", "NS1", "Dengue IgM"},
			Advice: "Oral fluids 3 litres a day; no ibuprofen or aspirin; return with bleeding or abdominal pain."},
		{Name: "Enteric fever",
			Rx:    []RxLine{rx("Azithromycin 500 mg tablet", "1 tablet", 1, "OD", 7, ""), feverAdult},
			Tests: []string{"Blood C/S", "CBC", "Widal"}},
		{Name: "Community-acquired pneumonia, mild",
			Rx:    []RxLine{rx("Amoxicillin 500 mg capsule", "1 capsule", 1, "TDS", 5, ""), feverAdult},
			Tests: []string{"CXR", "CBC", "CRP"}},
		{Name: "Type 2 diabetes mellitus with hypertension", MinAge: 30,
			Rx: []RxLine{rx("Metformin 500 mg tablet", "1 tablet", 1, "BD", 30, afterFood),
				rx("Telmisartan 40 mg tablet", "1 tablet", 1, "OD", 30, "")},
			Tests: []string{"HbA1c", "KFT", "Electrolytes", "Lipid", "UACR"}},
		{Name: "Vitamin B12 deficiency",
			Rx:    []RxLine{rx("Methylcobalamin 1500 mcg tablet", "1 tablet", 1, "OD", 60, "")},
			Tests: []string{"CBC", "B12"}},
		{Name: "Hyperuricaemia", MinAge: 25,
			Tests: []string{"Uric acid", "KFT"}, Advice: "Less red meat and alcohol; plenty of water."},
	},
	"Orthopaedics": {
		{Name: "Primary osteoarthritis of knee", MinAge: 40,
			Rx: []RxLine{rx("Paracetamol 650 mg tablet", "1 tablet", 1, "TDS", 14, afterFood),
				rx("Diclofenac 1% gel", "apply thinly", 0, "TDS", 14, "to the knee"),
				rx("Calcium carbonate + vitamin D3 500 mg/250 IU tablet", "1 tablet", 1, "OD", 30, afterFood)},
			Tests: []string{"XR knee"}, Advice: "Quadriceps exercises daily; lose weight if overweight."},
		{Name: "Mechanical low back pain", MinAge: 18,
			Rx: []RxLine{rx("Etoricoxib 90 mg tablet", "1 tablet", 1, "OD", 7, afterFood),
				rx("Pantoprazole 40 mg tablet", "1 tablet", 1, "OD", 7, beforeFood)},
			Tests: []string{"XR LS spine"}},
		{Name: "Lateral ankle sprain", MinAge: 8,
			Rx:    []RxLine{rx("Ibuprofen 400 mg tablet", "1 tablet", 1, "TDS", 5, afterFood), rx("Diclofenac 1% gel", "apply thinly", 0, "TDS", 7, "")},
			Tests: []string{"XR ankle"}, Advice: "Rest, ice, compression, elevation."},
		{Name: "Osteoporosis", MinAge: 50,
			Rx: []RxLine{rx("Alendronate 70 mg tablet", "1 tablet", 1, "OW", 84, emptyStomac+", with a full glass of water; stay upright for 30 minutes"),
				rx("Calcium carbonate + vitamin D3 500 mg/250 IU tablet", "1 tablet", 1, "OD", 84, afterFood)},
			Tests: []string{"DEXA", "Calcium", "VitD"}},
		{Name: "Adhesive capsulitis of shoulder", MinAge: 40,
			Rx:    []RxLine{rx("Etoricoxib 90 mg tablet", "1 tablet", 1, "OD", 10, afterFood)},
			Tests: []string{"XR shoulder"}, Advice: "Pendulum and wall-climbing exercises."},
		{Name: "Plantar fasciitis", MinAge: 25,
			Rx:     []RxLine{rx("Ibuprofen 400 mg tablet", "1 tablet", 1, "BD", 7, afterFood)},
			Advice: "Calf stretches; soft-soled footwear."},
	},
	"Dermatology": {
		{Name: "Acne vulgaris", MinAge: 12, MaxAge: 40,
			Rx: []RxLine{rx("Adapalene 0.1% gel", "pea-sized amount", 0, "HS", 30, "to the whole face"),
				rx("Benzoyl peroxide 2.5% gel", "apply thinly", 0, "OD", 30, "mornings"),
				rx("Doxycycline 100 mg capsule", "1 capsule", 1, "OD", 30, afterFood+"; avoid lying down for an hour")}},
		{Name: "Tinea corporis",
			Rx: []RxLine{rx("Luliconazole 1% cream", "apply", 0, "OD", 21, "to the patch and 2 cm around"),
				rx("Cetirizine 10 mg tablet", "1 tablet", 1, "HS", 14, "")}},
		{Name: "Chronic urticaria",
			Rx:    []RxLine{rx("Levocetirizine 5 mg tablet", "1 tablet", 1, "OD", 14, "")},
			Tests: []string{"CBC", "AEC", "TSH"}},
		{Name: "Scabies", MinAge: 2,
			Rx: []RxLine{rx("Permethrin 5% cream", "apply neck down", 0, "STAT", 1, "wash off after 8–12 hours; repeat after 7 days"),
				rx("Cetirizine 10 mg tablet", "1 tablet", 1, "HS", 7, "")}},
		{Name: "Plaque psoriasis", MinAge: 12,
			Rx: []RxLine{rx("Clobetasol propionate 0.05% cream", "apply thinly", 0, "BD", 14, "to the plaques only, not the face")}},
		{Name: "Impetigo",
			Rx: []RxLine{rx("Mupirocin 2% ointment", "apply", 0, "TDS", 7, "after cleaning the crusts")}},
		{Name: "Atopic eczema", MinAge: 12,
			Rx: []RxLine{rx("Mometasone 0.1% cream", "apply thinly", 0, "OD", 14, ""), rx("Cetirizine 10 mg tablet", "1 tablet", 1, "HS", 14, "")}},
	},
	"ENT": {
		{Name: "Acute otitis externa",
			Rx: []RxLine{rx("Ofloxacin 0.3% ear drops", "10 drops in the affected ear", 0, "OD", 7, "lie on the side for 5 minutes"),
				rx("Ibuprofen 400 mg tablet", "1 tablet", 1, "TDS", 3, afterFood)}},
		{Name: "Acute bacterial rhinosinusitis", MinAge: 12,
			Rx: []RxLine{rx("Amoxicillin 500 mg capsule", "1 capsule", 1, "TDS", 7, ""),
				rx("Xylometazoline 0.1% nasal drops", "2 drops in each nostril", 0, "BD", 5, "not longer than 5 days")}},
		{Name: "Allergic rhinitis", MinAge: 6,
			Rx: []RxLine{rx("Fluticasone 50 mcg nasal spray", "2 sprays in each nostril", 0, "OD", 30, ""),
				rx("Levocetirizine 5 mg tablet", "1 tablet", 1, "HS", 14, "")},
			Tests: []string{"AEC"}},
		{Name: "Acute tonsillitis", MinAge: 3,
			Rx:    []RxLine{rx("Amoxicillin 500 mg capsule", "1 capsule", 1, "TDS", 10, "complete the course"), feverAdult},
			Tests: []string{"Throat swab"}},
		{Name: "Impacted ear wax", Advice: "Two drops of olive oil in the ear at night for a week, then return for removal."},
		{Name: "Sensorineural hearing loss", MinAge: 40, Tests: []string{"PTA"}},
	},
	"Ophthalmology": {
		{Name: "Acute bacterial conjunctivitis",
			Rx: []RxLine{rx("Moxifloxacin 0.5% eye drops", "1 drop in each affected eye", 0, "TDS", 7, "")}},
		{Name: "Allergic conjunctivitis",
			Rx: []RxLine{rx("Olopatadine 0.1% eye drops", "1 drop in each eye", 0, "BD", 14, "")}},
		{Name: "Dry eye disease", MinAge: 18,
			Rx: []RxLine{rx("Carmellose 0.5% eye drops", "1 drop in each eye", 0, "QID", 30, "")}},
		{Name: "Refractive error", Tests: []string{"Refraction"}, Advice: "Spectacles as prescribed."},
		{Name: "Primary open-angle glaucoma", MinAge: 40,
			Rx:    []RxLine{rx("Timolol 0.5% eye drops", "1 drop in each eye", 0, "BD", 30, "press the inner corner of the eye for 1 minute")},
			Tests: []string{"Tonometry", "Fields"}},
		{Name: "Age-related cataract", MinAge: 50, Tests: []string{"Biometry"}, Advice: "Planned for cataract surgery."},
	},
	"Cardiology": {
		{Name: "Essential hypertension, uncontrolled",
			Rx:    []RxLine{rx("Telmisartan 40 mg tablet", "1 tablet", 1, "OD", 30, ""), rx("Amlodipine 5 mg tablet", "1 tablet", 1, "OD", 30, "")},
			Tests: []string{"ECG", "Echo", "KFT", "Electrolytes", "Lipid"}},
		{Name: "Chronic stable angina", MinAge: 35,
			Rx: []RxLine{rx("Aspirin 75 mg gastro-resistant tablet", "1 tablet", 1, "OD", 30, afterFood),
				rx("Atorvastatin 20 mg tablet", "1 tablet", 1, "HS", 30, ""),
				rx("Metoprolol succinate 50 mg prolonged-release tablet", "1 tablet", 1, "OD", 30, ""),
				rx("Glyceryl trinitrate 0.5 mg sublingual tablet", "1 tablet under the tongue", 1, "PRN", 10, "for chest pain; call for help if pain lasts 5 minutes")},
			Tests: []string{"ECG", "Echo", "TMT", "Lipid"}},
		{Name: "Heart failure with reduced ejection fraction", MinAge: 40,
			Rx: []RxLine{rx("Furosemide 40 mg tablet", "1 tablet", 1, "OD", 30, "in the morning"),
				rx("Ramipril 5 mg capsule", "1 capsule", 1, "OD", 30, ""),
				rx("Bisoprolol 5 mg tablet", "1 tablet", 1, "OD", 30, ""),
				rx("Spironolactone 25 mg tablet", "1 tablet", 1, "OD", 30, "")},
			Tests: []string{"Echo", "NT-proBNP", "KFT", "Electrolytes"}, Advice: "Weigh daily; fluid under 1.5 litres a day."},
		{Name: "Atrial fibrillation", MinAge: 45,
			Rx: []RxLine{rx("Metoprolol succinate 50 mg prolonged-release tablet", "1 tablet", 1, "OD", 30, ""),
				rx("Warfarin 5 mg tablet", "1 tablet", 1, "OD", 30, "same time each evening; dose by INR")},
			Tests: []string{"ECG", "Echo", "PT-INR", "TSH"}},
		{Name: "Dyslipidaemia",
			Rx:    []RxLine{rx("Rosuvastatin 10 mg tablet", "1 tablet", 1, "OD", 30, "")},
			Tests: []string{"Lipid", "LFT"}},
		{Name: "Palpitations under evaluation", Tests: []string{"ECG", "Holter", "TSH", "CBC"}},
	},
	"Psychiatry": {
		{Name: "Moderate depressive episode", MinAge: 15,
			Rx: []RxLine{rx("Escitalopram 10 mg tablet", "1 tablet", 1, "OD", 30, "after breakfast"),
				rx("Clonazepam 0.5 mg tablet", "1 tablet", 1, "HS", 14, "for two weeks only")},
			Tests: []string{"TSH", "CBC"}},
		{Name: "Generalised anxiety disorder", MinAge: 15,
			Rx: []RxLine{rx("Sertraline 50 mg tablet", "1 tablet", 1, "OD", 30, "after breakfast"),
				rx("Propranolol 40 mg tablet", "1 tablet", 1, "PRN", 14, "for palpitations; not more than 2 a day")}},
		{Name: "Panic disorder", MinAge: 15,
			Rx: []RxLine{rx("Sertraline 50 mg tablet", "1 tablet", 1, "OD", 30, "after breakfast"),
				rx("Clonazepam 0.5 mg tablet", "1 tablet", 1, "BD", 14, "")}},
		{Name: "Bipolar affective disorder, current episode manic", MinAge: 16,
			Rx: []RxLine{rx("Sodium valproate 200 mg gastro-resistant tablet", "2 tablets", 2, "BD", 30, afterFood),
				rx("Olanzapine 5 mg tablet", "2 tablets", 2, "HS", 30, "")},
			Tests: []string{"LFT", "CBC", "Valproate"}},
		{Name: "Schizophrenia, follow-up", MinAge: 16,
			Rx:    []RxLine{rx("Olanzapine 5 mg tablet", "2 tablets", 2, "HS", 30, "")},
			Tests: []string{"FBS", "Lipid"}},
		{Name: "Insomnia", MinAge: 18, Advice: "Regular sleep times; no screens an hour before bed; no caffeine after noon."},
	},
	"Endocrinology": {
		{Name: "Type 2 diabetes mellitus, uncontrolled", MinAge: 25,
			Rx: []RxLine{rx("Metformin 1000 mg prolonged-release tablet", "1 tablet", 1, "OD", 30, "with dinner"),
				rx("Glimepiride 2 mg tablet", "1 tablet", 1, "OD", 30, "before breakfast"),
				rx("Sitagliptin 100 mg tablet", "1 tablet", 1, "OD", 30, "")},
			Tests: []string{"HbA1c", "FBS", "PPBS", "KFT", "Lipid", "UACR"}},
		{Name: "Primary hypothyroidism",
			Rx:    []RxLine{rx("Levothyroxine 50 mcg tablet", "1 tablet", 1, "OD", 60, emptyStomac)},
			Tests: []string{"TSH", "FT4"}},
		{Name: "Graves' disease", MinAge: 15,
			Rx: []RxLine{rx("Carbimazole 5 mg tablet", "2 tablets", 2, "TDS", 30, ""),
				rx("Propranolol 40 mg tablet", "1 tablet", 1, "BD", 30, "")},
			Tests: []string{"TSH", "FT4", "FT3", "CBC"}},
		{Name: "Type 1 diabetes mellitus",
			Rx:    []RxLine{rx("Insulin glargine 100 units/mL pen", "units as charted", 0, "HS", 30, "rotate injection sites")},
			Tests: []string{"HbA1c", "KFT"}},
		{Name: "Vitamin D deficiency",
			Rx:    []RxLine{rx("Colecalciferol 60,000 IU capsule", "1 capsule", 1, "OW", 56, "with milk")},
			Tests: []string{"VitD", "Calcium"}},
		{Name: "Obesity", MinAge: 12, Tests: []string{"HbA1c", "Lipid", "TSH"}, Advice: "Diet chart given; 150 minutes of exercise a week."},
	},
	"Pulmonology": {
		{Name: "Bronchial asthma",
			Rx: []RxLine{rx("Budesonide + formoterol 200/6 mcg inhaler", "2 puffs", 0, "BD", 30, "rinse mouth after use"),
				rx("Salbutamol 100 mcg inhaler", "2 puffs", 0, "PRN", 30, "for breathlessness"),
				rx("Montelukast 10 mg tablet", "1 tablet", 1, "HS", 30, "")},
			Tests: []string{"PFT", "AEC"}},
		{Name: "Chronic obstructive pulmonary disease", MinAge: 40,
			Rx: []RxLine{rx("Budesonide + formoterol 200/6 mcg inhaler", "2 puffs", 0, "BD", 30, "rinse mouth after use"),
				rx("Salbutamol 100 mcg inhaler", "2 puffs", 0, "PRN", 30, "")},
			Tests: []string{"PFT", "CXR"}, Advice: "Stop smoking; yearly influenza vaccine."},
		{Name: "Community-acquired pneumonia",
			Rx: []RxLine{rx("Co-amoxiclav 625 mg tablet", "1 tablet", 1, "TDS", 7, afterFood),
				rx("Azithromycin 500 mg tablet", "1 tablet", 1, "OD", 3, "")},
			Tests: []string{"CXR", "CBC", "CRP"}},
		{Name: "Suspected pulmonary tuberculosis", MinAge: 12,
			Tests: []string{"Sputum AFB", "CBNAAT", "CXR", "HIV"}, Advice: "Referred to the national TB programme if positive."},
		{Name: "Acute bronchitis",
			Rx: []RxLine{packs(rx("Ambroxol 30 mg/5 mL syrup", "10 mL", 0, "TDS", 5, ""), 2), feverAdult}},
	},
	"Gastroenterology": {
		{Name: "Gastro-oesophageal reflux disease",
			Rx: []RxLine{rx("Pantoprazole 40 mg tablet", "1 tablet", 1, "OD", 30, beforeFood)}, Advice: "Last meal 3 hours before bed."},
		{Name: "Helicobacter pylori gastritis",
			Rx: []RxLine{rx("Pantoprazole 40 mg tablet", "1 tablet", 1, "BD", 14, beforeFood),
				rx("Amoxicillin 500 mg capsule", "2 capsules", 2, "BD", 14, ""),
				rx("Clarithromycin 500 mg tablet", "1 tablet", 1, "BD", 14, "")},
			Tests: []string{"HpSA", "UGIE"}},
		{Name: "Irritable bowel syndrome",
			Rx:    []RxLine{rx("Hyoscine butylbromide 10 mg tablet", "1 tablet", 1, "PRN", 14, "for cramps; not more than 3 a day")},
			Tests: []string{"CBC", "Stool R/M"}},
		{Name: "Chronic constipation",
			Rx: []RxLine{packs(rx("Lactulose 10 g/15 mL solution", "15 mL", 0, "HS", 14, ""), 2),
				rx("Bisacodyl 5 mg tablet", "1 tablet", 1, "PRN", 7, "at night if no motion for 2 days")}},
		{Name: "Non-alcoholic fatty liver disease", MinAge: 18,
			Tests: []string{"LFT", "USG abdomen", "Lipid", "HbA1c"}, Advice: "Lose 7–10% of weight; no alcohol."},
	},
	"Neurology": {
		{Name: "Migraine without aura",
			Rx: []RxLine{rx("Naproxen 500 mg tablet", "1 tablet", 1, "PRN", 10, "at the start of a headache, "+afterFood),
				rx("Propranolol 40 mg tablet", "1 tablet", 1, "BD", 60, "")},
			Advice: "Headache diary; regular meals and sleep."},
		{Name: "Epilepsy, follow-up",
			Rx:    []RxLine{rx("Levetiracetam 500 mg tablet", "1 tablet", 1, "BD", 30, "do not stop suddenly")},
			Tests: []string{"EEG", "MRI brain"}},
		{Name: "Diabetic peripheral neuropathy", MinAge: 30,
			Rx: []RxLine{rx("Pregabalin 75 mg capsule", "1 capsule", 1, "HS", 30, "may cause drowsiness"),
				rx("Methylcobalamin 1500 mcg tablet", "1 tablet", 1, "OD", 30, "")},
			Tests: []string{"HbA1c", "B12", "NCS"}},
		{Name: "Tension-type headache",
			Rx: []RxLine{rx("Paracetamol 500 mg tablet", "2 tablets", 2, "PRN", 10, "not more than 8 tablets a day"),
				rx("Amitriptyline 10 mg tablet", "1 tablet", 1, "HS", 30, "")}},
		{Name: "Trigeminal neuralgia", MinAge: 30,
			Rx:    []RxLine{rx("Carbamazepine 200 mg tablet", "1 tablet", 1, "BD", 30, afterFood)},
			Tests: []string{"MRI brain", "CBC", "Electrolytes"}},
	},
}
