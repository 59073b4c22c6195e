package demo

// LabTest is an investigation a doctor can order.
type LabTest struct {
	Code     string // short name used on the ward: "CBC", "HbA1c"
	Name     string // as printed on the order
	Category string // haematology, biochemistry, microbiology, serology, imaging, cardiology, …
	Sample   string // blood, urine, stool, swab, sputum, or "" for a procedure
}

// LabTests returns the catalogue of investigations.
func LabTests() []LabTest { return append([]LabTest(nil), labTests...) }

// LabTestByCode finds an investigation by its code.
func LabTestByCode(code string) (LabTest, bool) {
	for _, t := range labTests {
		if t.Code == code {
			return t, true
		}
	}
	return LabTest{}, false
}

var labTests = []LabTest{
	{"CBC", "Complete blood count (CBC)", "haematology", "blood"},
	{"ESR", "Erythrocyte sedimentation rate (ESR)", "haematology", "blood"},
	{"PS", "Peripheral blood smear", "haematology", "blood"},
	{"AEC", "Absolute eosinophil count", "haematology", "blood"},
	{"PT-INR", "Prothrombin time and INR", "haematology", "blood"},
	{"BG-Rh", "Blood grouping and Rh typing", "haematology", "blood"},
	{"FBS", "Fasting blood sugar", "biochemistry", "blood"},
	{"PPBS", "Post-prandial blood sugar", "biochemistry", "blood"},
	{"HbA1c", "Glycated haemoglobin (HbA1c)", "biochemistry", "blood"},
	{"OGTT", "Oral glucose tolerance test", "biochemistry", "blood"},
	{"Lipid", "Lipid profile", "biochemistry", "blood"},
	{"LFT", "Liver function tests (LFT)", "biochemistry", "blood"},
	{"KFT", "Kidney function tests (KFT)", "biochemistry", "blood"},
	{"Electrolytes", "Serum electrolytes (Na, K, Cl)", "biochemistry", "blood"},
	{"TSH", "Thyroid-stimulating hormone (TSH)", "biochemistry", "blood"},
	{"FT4", "Free thyroxine (free T4)", "biochemistry", "blood"},
	{"FT3", "Free triiodothyronine (free T3)", "biochemistry", "blood"},
	{"Ferritin", "Serum ferritin", "biochemistry", "blood"},
	{"B12", "Serum vitamin B12", "biochemistry", "blood"},
	{"VitD", "25-hydroxy vitamin D", "biochemistry", "blood"},
	{"Calcium", "Serum calcium", "biochemistry", "blood"},
	{"CRP", "C-reactive protein (CRP)", "biochemistry", "blood"},
	{"Uric acid", "Serum uric acid", "biochemistry", "blood"},
	{"Prolactin", "Serum prolactin", "biochemistry", "blood"},
	{"NT-proBNP", "NT-proBNP", "biochemistry", "blood"},
	{"Troponin", "Troponin I", "biochemistry", "blood"},
	{"Valproate", "Serum valproate level", "biochemistry", "blood"},
	{"UACR", "Urine albumin-creatinine ratio", "biochemistry", "urine"},
	{"Urine R/M", "Urine routine and microscopy", "clinical pathology", "urine"},
	{"Urine C/S", "Urine culture and sensitivity", "microbiology", "urine"},
	{"UPT", "Urine pregnancy test", "clinical pathology", "urine"},
	{"Stool R/M", "Stool routine and microscopy", "clinical pathology", "stool"},
	{"Blood C/S", "Blood culture and sensitivity", "microbiology", "blood"},
	{"Throat swab", "Throat swab culture", "microbiology", "swab"},
	{"Sputum AFB", "Sputum smear for acid-fast bacilli", "microbiology", "sputum"},
	{"CBNAAT", "CBNAAT (GeneXpert MTB/RIF)", "microbiology", "sputum"},
	{"NS1", "Dengue NS1 antigen", "serology", "blood"},
	{"Dengue IgM", "Dengue IgM antibody", "serology", "blood"},
	{"MP", "Malaria antigen rapid test", "serology", "blood"},
	{"Widal", "Widal test", "serology", "blood"},
	{"HIV", "HIV-1 and HIV-2 antibodies", "serology", "blood"},
	{"HBsAg", "Hepatitis B surface antigen (HBsAg)", "serology", "blood"},
	{"HpSA", "H. pylori stool antigen", "serology", "stool"},
	{"CXR", "Chest X-ray (PA view)", "imaging", ""},
	{"XR knee", "X-ray knee, AP and lateral", "imaging", ""},
	{"XR LS spine", "X-ray lumbosacral spine, AP and lateral", "imaging", ""},
	{"XR ankle", "X-ray ankle, AP and lateral", "imaging", ""},
	{"XR shoulder", "X-ray shoulder, AP view", "imaging", ""},
	{"USG abdomen", "Ultrasound abdomen", "imaging", ""},
	{"USG pelvis", "Ultrasound pelvis", "imaging", ""},
	{"USG obstetric", "Obstetric ultrasound", "imaging", ""},
	{"MRI brain", "MRI brain", "imaging", ""},
	{"DEXA", "DEXA scan (bone density)", "imaging", ""},
	{"ECG", "Electrocardiogram (ECG)", "cardiology", ""},
	{"Echo", "Echocardiogram", "cardiology", ""},
	{"TMT", "Treadmill stress test (TMT)", "cardiology", ""},
	{"Holter", "24-hour Holter monitoring", "cardiology", ""},
	{"PFT", "Spirometry (pulmonary function test)", "pulmonology", ""},
	{"EEG", "Electroencephalogram (EEG)", "neurology", ""},
	{"NCS", "Nerve conduction study", "neurology", ""},
	{"UGIE", "Upper GI endoscopy", "gastroenterology", ""},
	{"Tonometry", "Tonometry (intraocular pressure)", "ophthalmology", ""},
	{"Fields", "Visual field test (perimetry)", "ophthalmology", ""},
	{"Refraction", "Refraction", "ophthalmology", ""},
	{"Biometry", "Optical biometry", "ophthalmology", ""},
	{"PTA", "Pure-tone audiometry", "ENT", ""},
}
