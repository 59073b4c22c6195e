package demo

// Speciality is a doctor's speciality with what the demo needs to staff and run it.
type Speciality struct {
	Name string
	// Qualifications are typical Indian degree lines for the speciality; a doctor gets one.
	Qualifications []string
	FeeCents       int64 // consultation fee, in paise
	// MinAge and MaxAge bound the patients it sees (MaxAge 0: no upper bound);
	// FemaleOnly marks obstetrics and gynaecology.
	MinAge, MaxAge int
	FemaleOnly     bool
	// Reasons are what patients give when they book.
	Reasons []string
}

// Specialities returns the catalogue, most needed first: a clinic with n doctors staffs the
// first n specialities before it doubles any.
func Specialities() []Speciality { return append([]Speciality(nil), specialities...) }

// SpecialityNamed finds a speciality by name.
func SpecialityNamed(name string) (Speciality, bool) {
	for _, s := range specialities {
		if s.Name == name {
			return s, true
		}
	}
	return Speciality{}, false
}

// Fits reports whether a patient of this age and sex is one the speciality sees.
func (s Speciality) Fits(age int, sex Sex) bool {
	if age < s.MinAge || s.MaxAge > 0 && age > s.MaxAge {
		return false
	}
	return !s.FemaleOnly || sex == Female
}

var specialities = []Speciality{
	{Name: "General Practice", FeeCents: 40000,
		Qualifications: []string{"MBBS", "MBBS, DNB (Family Medicine)", "MBBS, MD (Family Medicine)"},
		Reasons: []string{"Fever", "Cough and cold", "Sore throat", "Body ache", "Headache", "Stomach pain",
			"Loose motions", "Burning while passing urine", "Blood pressure check", "Sugar check",
			"Routine check-up", "Follow-up visit", "Tiredness", "Back pain", "Medical certificate"}},
	{Name: "Paediatrics", FeeCents: 60000, MaxAge: 17,
		Qualifications: []string{"MBBS, MD (Paediatrics)", "MBBS, DCH", "MBBS, DNB (Paediatrics)"},
		Reasons: []string{"Fever", "Cough", "Cold and runny nose", "Vaccination", "Loose motions", "Vomiting",
			"Ear pain", "Rash", "Growth check", "Not eating well", "Well-baby visit", "Wheezing"}},
	{Name: "Obstetrics and Gynaecology", FeeCents: 70000, MinAge: 12, FemaleOnly: true,
		Qualifications: []string{"MBBS, MS (Obstetrics and Gynaecology)", "MBBS, DGO", "MBBS, DNB (Obstetrics and Gynaecology)"},
		Reasons: []string{"Irregular periods", "Painful periods", "Heavy periods", "Antenatal check-up",
			"Pregnancy confirmation", "White discharge", "PCOS follow-up", "Menopause symptoms",
			"Family planning advice", "Pap smear"}},
	{Name: "General Medicine", FeeCents: 60000, MinAge: 13,
		Qualifications: []string{"MBBS, MD (General Medicine)", "MBBS, DNB (General Medicine)"},
		Reasons: []string{"High fever", "Fever with chills", "Breathlessness", "Diabetes follow-up",
			"Blood pressure follow-up", "Weakness", "Weight loss", "Joint pains", "Review of reports"}},
	{Name: "Orthopaedics", FeeCents: 80000, MinAge: 5,
		Qualifications: []string{"MBBS, MS (Orthopaedics)", "MBBS, D.Ortho", "MBBS, DNB (Orthopaedics)"},
		Reasons: []string{"Knee pain", "Back pain", "Neck pain", "Shoulder pain", "Ankle sprain", "Heel pain",
			"Fracture follow-up", "Fall", "Joint stiffness"}},
	{Name: "Dermatology", FeeCents: 70000,
		Qualifications: []string{"MBBS, MD (Dermatology, Venereology and Leprosy)", "MBBS, DVD", "MBBS, DNB (Dermatology)"},
		Reasons: []string{"Acne", "Itching", "Rash", "Ringworm", "Hair fall", "Dandruff", "Pigmentation",
			"Hives", "Skin infection", "Scaly patches"}},
	{Name: "ENT", FeeCents: 60000,
		Qualifications: []string{"MBBS, MS (ENT)", "MBBS, DLO", "MBBS, DNB (ENT)"},
		Reasons: []string{"Ear pain", "Ear discharge", "Blocked nose", "Sneezing", "Sore throat",
			"Hearing loss", "Giddiness", "Sinus pain", "Snoring"}},
	{Name: "Ophthalmology", FeeCents: 60000,
		Qualifications: []string{"MBBS, MS (Ophthalmology)", "MBBS, DO", "MBBS, DNB (Ophthalmology)"},
		Reasons: []string{"Red eye", "Itchy eyes", "Blurred vision", "Eye check-up", "Spectacle power check",
			"Watering eyes", "Dry eyes", "Glaucoma follow-up", "Cataract evaluation"}},
	{Name: "Cardiology", FeeCents: 120000, MinAge: 18,
		Qualifications: []string{"MBBS, MD (General Medicine), DM (Cardiology)", "MBBS, DNB (General Medicine), DNB (Cardiology)"},
		Reasons: []string{"Chest pain", "Palpitations", "Breathlessness on exertion", "High blood pressure",
			"Swelling of feet", "Cardiac check-up", "ECG review", "Follow-up after angioplasty"}},
	{Name: "Psychiatry", FeeCents: 100000, MinAge: 12,
		Qualifications: []string{"MBBS, MD (Psychiatry)", "MBBS, DPM", "MBBS, DNB (Psychiatry)"},
		Reasons: []string{"Low mood", "Anxiety", "Sleep problems", "Panic attacks", "Stress",
			"Medication review", "Follow-up visit", "Difficulty concentrating"}},
	{Name: "Endocrinology", FeeCents: 110000, MinAge: 10,
		Qualifications: []string{"MBBS, MD (General Medicine), DM (Endocrinology)", "MBBS, DNB (Endocrinology)"},
		Reasons: []string{"Diabetes review", "Thyroid problem", "Weight gain", "Low vitamin D",
			"Insulin adjustment", "Review of reports", "Excess hair growth"}},
	{Name: "Pulmonology", FeeCents: 80000, MinAge: 12,
		Qualifications: []string{"MBBS, MD (Respiratory Medicine)", "MBBS, DTCD", "MBBS, DNB (Respiratory Diseases)"},
		Reasons: []string{"Persistent cough", "Breathlessness", "Wheezing", "Asthma follow-up",
			"Coughing up blood", "Chest X-ray review", "Snoring"}},
	{Name: "Gastroenterology", FeeCents: 110000, MinAge: 14,
		Qualifications: []string{"MBBS, MD (General Medicine), DM (Gastroenterology)", "MBBS, DNB (Gastroenterology)"},
		Reasons: []string{"Acidity", "Abdominal pain", "Constipation", "Bloating", "Jaundice",
			"Change in bowel habit", "Liver check-up"}},
	{Name: "Neurology", FeeCents: 120000, MinAge: 12,
		Qualifications: []string{"MBBS, MD (General Medicine), DM (Neurology)", "MBBS, DNB (Neurology)"},
		Reasons: []string{"Headache", "Migraine", "Fits", "Numbness", "Tingling in feet", "Giddiness",
			"Weakness of limbs", "Tremor", "Memory problems"}},
}
