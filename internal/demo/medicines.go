package demo

import (
	"strings"

	d "github.com/clinicdesk/clinicdesk/internal/drugs"
)

// Medicine is one inventory item: a real generic medicine in one strength and form.
type Medicine struct {
	// Name is brand-neutral and unique: "Amoxicillin 500 mg capsule".
	Name string
	// GenericName is the INN, lower case; combinations join their parts with " + ".
	GenericName string
	Strength    string // "500 mg", "125 mg/5 mL", "1%"
	Form        string // tablet, capsule, syrup, suspension, injection, cream, … (see Forms)
	// Unit is what stock is counted and priced in: tablet, capsule, bottle, tube, vial,
	// ampoule, inhaler, respule, sachet, pen.
	Unit string
	// Class is the drug class, one of internal/drugs' class names, or "" when the medicine
	// belongs to none of them (or, for a combination, to several).
	Class      string
	OTC        bool  // sold over the counter, without a prescription
	PriceCents int64 // per Unit, in paise
	MinStock   int   // in Units: below it the item is low on stock
	Route      string
}

// Forms are the dosage forms the catalogue uses.
var Forms = []string{"tablet", "capsule", "syrup", "suspension", "powder", "injection", "cream",
	"ointment", "gel", "lotion", "inhaler", "nebuliser solution", "drops", "nasal spray"}

// med builds a catalogue entry; otc is "OTC" or "Rx".
func med(name, generic, strength, form, unit, class, otc string, price int64, min int) Medicine {
	return Medicine{Name: name, GenericName: generic, Strength: strength, Form: form, Unit: unit,
		Class: class, OTC: otc == "OTC", PriceCents: price, MinStock: min, Route: route(name, form)}
}

// route is how a medicine is given, from its form and name.
func route(name, form string) string {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "eye drops"):
		return "ophthalmic"
	case strings.Contains(n, "ear drops"):
		return "otic"
	case strings.Contains(n, "nasal"):
		return "nasal"
	case strings.Contains(n, "sublingual"):
		return "sublingual"
	case strings.Contains(n, "infusion"):
		return "intravenous"
	case strings.Contains(n, "insulin"):
		return "subcutaneous"
	}
	switch form {
	case "cream", "ointment", "gel", "lotion":
		return "topical"
	case "inhaler", "nebuliser solution":
		return "inhaled"
	case "injection":
		return "intramuscular/intravenous"
	}
	return "oral"
}

// Medicines returns the catalogue of inventory items, in a stable order.
func Medicines() []Medicine { return append([]Medicine(nil), medicines...) }

// MedicineNamed finds a catalogue item by its exact name.
func MedicineNamed(name string) (Medicine, bool) {
	for _, m := range medicines {
		if m.Name == name {
			return m, true
		}
	}
	return Medicine{}, false
}

var medicines = []Medicine{
	// Antibacterials
	med("Amoxicillin 250 mg capsule", "amoxicillin", "250 mg", "capsule", "capsule", d.Penicillins, "Rx", 400, 300),
	med("Amoxicillin 500 mg capsule", "amoxicillin", "500 mg", "capsule", "capsule", d.Penicillins, "Rx", 700, 500),
	med("Amoxicillin 125 mg/5 mL suspension", "amoxicillin", "125 mg/5 mL", "suspension", "bottle", d.Penicillins, "Rx", 5500, 30),
	med("Co-amoxiclav 625 mg tablet", "amoxicillin + clavulanic acid", "500 mg/125 mg", "tablet", "tablet", d.Penicillins, "Rx", 1800, 300),
	med("Co-amoxiclav 228 mg/5 mL suspension", "amoxicillin + clavulanic acid", "200 mg/28.5 mg per 5 mL", "suspension", "bottle", d.Penicillins, "Rx", 9500, 20),
	med("Ampicillin 500 mg injection", "ampicillin", "500 mg", "injection", "vial", d.Penicillins, "Rx", 3500, 20),
	med("Flucloxacillin 500 mg capsule", "flucloxacillin", "500 mg", "capsule", "capsule", d.Penicillins, "Rx", 1200, 100),
	med("Benzathine benzylpenicillin 1.2 MU injection", "benzathine benzylpenicillin", "1,200,000 units", "injection", "vial", d.Penicillins, "Rx", 4500, 10),
	med("Cefalexin 500 mg capsule", "cefalexin", "500 mg", "capsule", "capsule", d.Cephalosporins, "Rx", 1100, 200),
	med("Cefuroxime 500 mg tablet", "cefuroxime", "500 mg", "tablet", "tablet", d.Cephalosporins, "Rx", 3500, 100),
	med("Cefixime 200 mg tablet", "cefixime", "200 mg", "tablet", "tablet", d.Cephalosporins, "Rx", 1000, 200),
	med("Ceftriaxone 1 g injection", "ceftriaxone", "1 g", "injection", "vial", d.Cephalosporins, "Rx", 6000, 30),
	med("Azithromycin 500 mg tablet", "azithromycin", "500 mg", "tablet", "tablet", d.Macrolides, "Rx", 2200, 150),
	med("Azithromycin 200 mg/5 mL suspension", "azithromycin", "200 mg/5 mL", "suspension", "bottle", d.Macrolides, "Rx", 6500, 20),
	med("Clarithromycin 500 mg tablet", "clarithromycin", "500 mg", "tablet", "tablet", d.Macrolides, "Rx", 4500, 60),
	med("Ciprofloxacin 500 mg tablet", "ciprofloxacin", "500 mg", "tablet", "tablet", d.Fluoroquinolones, "Rx", 500, 300),
	med("Levofloxacin 500 mg tablet", "levofloxacin", "500 mg", "tablet", "tablet", d.Fluoroquinolones, "Rx", 900, 150),
	med("Ofloxacin 0.3% ear drops", "ofloxacin", "0.3%", "drops", "bottle", d.Fluoroquinolones, "Rx", 2500, 20),
	med("Moxifloxacin 0.5% eye drops", "moxifloxacin", "0.5%", "drops", "bottle", d.Fluoroquinolones, "Rx", 9500, 15),
	med("Doxycycline 100 mg capsule", "doxycycline", "100 mg", "capsule", "capsule", d.Tetracyclines, "Rx", 450, 200),
	med("Co-trimoxazole 960 mg tablet", "sulfamethoxazole + trimethoprim", "800 mg/160 mg", "tablet", "tablet", d.Sulfonamides, "Rx", 250, 200),
	med("Metronidazole 400 mg tablet", "metronidazole", "400 mg", "tablet", "tablet", d.Nitroimidazoles, "Rx", 150, 300),
	med("Metronidazole 200 mg/5 mL suspension", "metronidazole", "200 mg/5 mL", "suspension", "bottle", d.Nitroimidazoles, "Rx", 3500, 20),
	med("Nitrofurantoin 100 mg capsule", "nitrofurantoin", "100 mg", "capsule", "capsule", "", "Rx", 900, 100),
	med("Clindamycin 300 mg capsule", "clindamycin", "300 mg", "capsule", "capsule", d.Lincosamides, "Rx", 2500, 60),
	med("Gentamicin 80 mg/2 mL injection", "gentamicin", "40 mg/mL", "injection", "ampoule", d.Aminoglycosides, "Rx", 1200, 30),
	med("Silver sulfadiazine 1% cream", "silver sulfadiazine", "1%", "cream", "tube", d.Sulfonamides, "Rx", 8000, 15),
	med("Mupirocin 2% ointment", "mupirocin", "2%", "ointment", "tube", "", "Rx", 9500, 20),
	med("Fusidic acid 2% cream", "fusidic acid", "2%", "cream", "tube", "", "Rx", 9000, 15),
	med("Chloramphenicol 0.5% eye drops", "chloramphenicol", "0.5%", "drops", "bottle", "", "Rx", 1500, 20),

	// Antifungals, antiparasitics, antivirals
	med("Fluconazole 150 mg tablet", "fluconazole", "150 mg", "tablet", "tablet", d.AzoleAntifungals, "Rx", 1500, 60),
	med("Clotrimazole 1% cream", "clotrimazole", "1%", "cream", "tube", d.AzoleAntifungals, "OTC", 4500, 30),
	med("Luliconazole 1% cream", "luliconazole", "1%", "cream", "tube", d.AzoleAntifungals, "Rx", 15000, 15),
	med("Terbinafine 250 mg tablet", "terbinafine", "250 mg", "tablet", "tablet", "", "Rx", 2000, 60),
	med("Albendazole 400 mg tablet", "albendazole", "400 mg", "tablet", "tablet", d.Benzimidazoles, "Rx", 1200, 100),
	med("Albendazole 200 mg/5 mL suspension", "albendazole", "200 mg/5 mL", "suspension", "bottle", d.Benzimidazoles, "Rx", 2500, 20),
	med("Ivermectin 12 mg tablet", "ivermectin", "12 mg", "tablet", "tablet", "", "Rx", 2500, 40),
	med("Permethrin 5% cream", "permethrin", "5%", "cream", "tube", "", "Rx", 12000, 15),
	med("Hydroxychloroquine 200 mg tablet", "hydroxychloroquine", "200 mg", "tablet", "tablet", d.Aminoquinolines, "Rx", 1100, 100),
	med("Aciclovir 400 mg tablet", "aciclovir", "400 mg", "tablet", "tablet", "", "Rx", 1200, 100),
	med("Aciclovir 5% cream", "aciclovir", "5%", "cream", "tube", "", "OTC", 6000, 15),
	med("Oseltamivir 75 mg capsule", "oseltamivir", "75 mg", "capsule", "capsule", "", "Rx", 6000, 30),

	// Pain and fever
	med("Paracetamol 500 mg tablet", "paracetamol", "500 mg", "tablet", "tablet", d.Anilides, "OTC", 100, 1000),
	med("Paracetamol 650 mg tablet", "paracetamol", "650 mg", "tablet", "tablet", d.Anilides, "OTC", 200, 800),
	med("Paracetamol 120 mg/5 mL syrup", "paracetamol", "120 mg/5 mL", "syrup", "bottle", d.Anilides, "OTC", 3500, 40),
	med("Paracetamol 250 mg/5 mL suspension", "paracetamol", "250 mg/5 mL", "suspension", "bottle", d.Anilides, "OTC", 4500, 30),
	med("Paracetamol 1 g/100 mL infusion", "paracetamol", "10 mg/mL", "injection", "bottle", d.Anilides, "Rx", 12000, 10),
	med("Ibuprofen 200 mg tablet", "ibuprofen", "200 mg", "tablet", "tablet", d.NSAIDs, "OTC", 150, 400),
	med("Ibuprofen 400 mg tablet", "ibuprofen", "400 mg", "tablet", "tablet", d.NSAIDs, "Rx", 250, 500),
	med("Ibuprofen 100 mg/5 mL suspension", "ibuprofen", "100 mg/5 mL", "suspension", "bottle", d.NSAIDs, "OTC", 4000, 30),
	med("Diclofenac 50 mg tablet", "diclofenac", "50 mg", "tablet", "tablet", d.NSAIDs, "Rx", 200, 400),
	med("Diclofenac 1% gel", "diclofenac", "1%", "gel", "tube", d.NSAIDs, "OTC", 9000, 30),
	med("Diclofenac 75 mg/3 mL injection", "diclofenac", "25 mg/mL", "injection", "ampoule", d.NSAIDs, "Rx", 1000, 30),
	med("Naproxen 500 mg tablet", "naproxen", "500 mg", "tablet", "tablet", d.NSAIDs, "Rx", 900, 100),
	med("Mefenamic acid 500 mg tablet", "mefenamic acid", "500 mg", "tablet", "tablet", d.NSAIDs, "Rx", 500, 150),
	med("Aspirin 75 mg gastro-resistant tablet", "aspirin", "75 mg", "tablet", "tablet", d.NSAIDs, "OTC", 50, 500),
	med("Ketorolac 10 mg tablet", "ketorolac", "10 mg", "tablet", "tablet", d.NSAIDs, "Rx", 500, 60),
	med("Etoricoxib 90 mg tablet", "etoricoxib", "90 mg", "tablet", "tablet", d.NSAIDs, "Rx", 1500, 60),
	med("Tramadol 50 mg capsule", "tramadol", "50 mg", "capsule", "capsule", d.Opioids, "Rx", 700, 100),
	med("Morphine 10 mg/mL injection", "morphine", "10 mg/mL", "injection", "ampoule", d.Opioids, "Rx", 3000, 10),
	med("Pregabalin 75 mg capsule", "pregabalin", "75 mg", "capsule", "capsule", d.Gabapentinoids, "Rx", 1200, 60),
	med("Gabapentin 300 mg capsule", "gabapentin", "300 mg", "capsule", "capsule", d.Gabapentinoids, "Rx", 1300, 60),

	// Stomach and gut
	med("Omeprazole 20 mg capsule", "omeprazole", "20 mg", "capsule", "capsule", d.ProtonPumpInhibitors, "Rx", 300, 500),
	med("Pantoprazole 40 mg tablet", "pantoprazole", "40 mg", "tablet", "tablet", d.ProtonPumpInhibitors, "Rx", 700, 500),
	med("Pantoprazole 40 mg injection", "pantoprazole", "40 mg", "injection", "vial", d.ProtonPumpInhibitors, "Rx", 5000, 20),
	med("Esomeprazole 40 mg tablet", "esomeprazole", "40 mg", "tablet", "tablet", d.ProtonPumpInhibitors, "Rx", 1000, 150),
	med("Famotidine 20 mg tablet", "famotidine", "20 mg", "tablet", "tablet", d.H2Antagonists, "OTC", 150, 150),
	med("Ondansetron 4 mg tablet", "ondansetron", "4 mg", "tablet", "tablet", d.SerotoninAntagonists, "Rx", 500, 200),
	med("Ondansetron 4 mg/2 mL injection", "ondansetron", "2 mg/mL", "injection", "ampoule", d.SerotoninAntagonists, "Rx", 1200, 30),
	med("Domperidone 10 mg tablet", "domperidone", "10 mg", "tablet", "tablet", "", "Rx", 250, 200),
	med("Metoclopramide 10 mg tablet", "metoclopramide", "10 mg", "tablet", "tablet", "", "Rx", 100, 100),
	med("Oral rehydration salts sachet", "oral rehydration salts", "20.5 g per litre", "powder", "sachet", "", "OTC", 2200, 200),
	med("Zinc sulfate 20 mg dispersible tablet", "zinc sulfate", "20 mg", "tablet", "tablet", "", "OTC", 300, 200),
	med("Loperamide 2 mg capsule", "loperamide", "2 mg", "capsule", "capsule", "", "OTC", 300, 100),
	med("Lactulose 10 g/15 mL solution", "lactulose", "10 g/15 mL", "syrup", "bottle", "", "OTC", 25000, 15),
	med("Bisacodyl 5 mg tablet", "bisacodyl", "5 mg", "tablet", "tablet", "", "OTC", 100, 100),
	med("Drotaverine 80 mg tablet", "drotaverine", "80 mg", "tablet", "tablet", "", "Rx", 800, 100),
	med("Hyoscine butylbromide 10 mg tablet", "hyoscine butylbromide", "10 mg", "tablet", "tablet", "", "Rx", 600, 100),
	med("Aluminium and magnesium hydroxide suspension", "aluminium hydroxide + magnesium hydroxide", "250 mg/250 mg per 5 mL", "suspension", "bottle", "", "OTC", 12000, 20),

	// Airways and allergy
	med("Salbutamol 100 mcg inhaler", "salbutamol", "100 mcg/dose", "inhaler", "inhaler", d.Beta2Agonists, "Rx", 15000, 20),
	med("Salbutamol 2 mg/5 mL syrup", "salbutamol", "2 mg/5 mL", "syrup", "bottle", d.Beta2Agonists, "Rx", 3000, 20),
	med("Salbutamol 2.5 mg/2.5 mL respule", "salbutamol", "1 mg/mL", "nebuliser solution", "respule", d.Beta2Agonists, "Rx", 500, 100),
	med("Budesonide 200 mcg inhaler", "budesonide", "200 mcg/dose", "inhaler", "inhaler", d.Corticosteroids, "Rx", 40000, 10),
	med("Budesonide + formoterol 200/6 mcg inhaler", "budesonide + formoterol", "200 mcg/6 mcg per dose", "inhaler", "inhaler", "", "Rx", 55000, 10),
	med("Montelukast 10 mg tablet", "montelukast", "10 mg", "tablet", "tablet", d.LeukotrieneAntagonists, "Rx", 1200, 100),
	med("Montelukast 4 mg chewable tablet", "montelukast", "4 mg", "tablet", "tablet", d.LeukotrieneAntagonists, "Rx", 700, 60),
	med("Cetirizine 10 mg tablet", "cetirizine", "10 mg", "tablet", "tablet", d.Antihistamines, "OTC", 150, 300),
	med("Cetirizine 5 mg/5 mL syrup", "cetirizine", "5 mg/5 mL", "syrup", "bottle", d.Antihistamines, "OTC", 4000, 20),
	med("Levocetirizine 5 mg tablet", "levocetirizine", "5 mg", "tablet", "tablet", d.Antihistamines, "OTC", 250, 200),
	med("Fexofenadine 120 mg tablet", "fexofenadine", "120 mg", "tablet", "tablet", d.Antihistamines, "OTC", 1300, 100),
	med("Chlorphenamine 4 mg tablet", "chlorphenamine", "4 mg", "tablet", "tablet", d.Antihistamines, "OTC", 100, 100),
	med("Fluticasone 50 mcg nasal spray", "fluticasone", "50 mcg/spray", "nasal spray", "bottle", d.Corticosteroids, "Rx", 30000, 10),
	med("Xylometazoline 0.1% nasal drops", "xylometazoline", "0.1%", "drops", "bottle", "", "OTC", 5000, 20),
	med("Sodium chloride 0.65% nasal drops", "sodium chloride", "0.65%", "drops", "bottle", "", "OTC", 4000, 20),
	med("Dextromethorphan 15 mg/5 mL syrup", "dextromethorphan", "15 mg/5 mL", "syrup", "bottle", "", "OTC", 9000, 20),
	med("Ambroxol 30 mg/5 mL syrup", "ambroxol", "30 mg/5 mL", "syrup", "bottle", "", "OTC", 7000, 20),
	med("Prednisolone 5 mg tablet", "prednisolone", "5 mg", "tablet", "tablet", d.Corticosteroids, "Rx", 50, 300),
	med("Dexamethasone 8 mg/2 mL injection", "dexamethasone", "4 mg/mL", "injection", "ampoule", d.Corticosteroids, "Rx", 800, 30),
	med("Hydrocortisone 100 mg injection", "hydrocortisone", "100 mg", "injection", "vial", d.Corticosteroids, "Rx", 6000, 10),
	med("Adrenaline 1 mg/mL injection", "adrenaline", "1 mg/mL (1:1000)", "injection", "ampoule", "", "Rx", 2500, 10),

	// Heart and blood vessels
	med("Amlodipine 5 mg tablet", "amlodipine", "5 mg", "tablet", "tablet", d.CalciumChannelBlockers, "Rx", 150, 600),
	med("Amlodipine 10 mg tablet", "amlodipine", "10 mg", "tablet", "tablet", d.CalciumChannelBlockers, "Rx", 250, 200),
	med("Telmisartan 40 mg tablet", "telmisartan", "40 mg", "tablet", "tablet", d.ARBs, "Rx", 500, 500),
	med("Losartan 50 mg tablet", "losartan", "50 mg", "tablet", "tablet", d.ARBs, "Rx", 450, 400),
	med("Enalapril 5 mg tablet", "enalapril", "5 mg", "tablet", "tablet", d.ACEInhibitors, "Rx", 200, 200),
	med("Ramipril 5 mg capsule", "ramipril", "5 mg", "capsule", "capsule", d.ACEInhibitors, "Rx", 900, 200),
	med("Atenolol 50 mg tablet", "atenolol", "50 mg", "tablet", "tablet", d.BetaBlockers, "Rx", 150, 300),
	med("Metoprolol succinate 50 mg prolonged-release tablet", "metoprolol", "50 mg", "tablet", "tablet", d.BetaBlockers, "Rx", 700, 300),
	med("Bisoprolol 5 mg tablet", "bisoprolol", "5 mg", "tablet", "tablet", d.BetaBlockers, "Rx", 600, 200),
	med("Propranolol 40 mg tablet", "propranolol", "40 mg", "tablet", "tablet", d.BetaBlockers, "Rx", 200, 100),
	med("Hydrochlorothiazide 12.5 mg tablet", "hydrochlorothiazide", "12.5 mg", "tablet", "tablet", d.ThiazideDiuretics, "Rx", 150, 200),
	med("Chlortalidone 12.5 mg tablet", "chlortalidone", "12.5 mg", "tablet", "tablet", d.ThiazideDiuretics, "Rx", 300, 100),
	med("Furosemide 40 mg tablet", "furosemide", "40 mg", "tablet", "tablet", d.LoopDiuretics, "Rx", 100, 200),
	med("Spironolactone 25 mg tablet", "spironolactone", "25 mg", "tablet", "tablet", d.PotassiumSparing, "Rx", 350, 100),
	med("Atorvastatin 10 mg tablet", "atorvastatin", "10 mg", "tablet", "tablet", d.Statins, "Rx", 400, 600),
	med("Atorvastatin 20 mg tablet", "atorvastatin", "20 mg", "tablet", "tablet", d.Statins, "Rx", 700, 300),
	med("Rosuvastatin 10 mg tablet", "rosuvastatin", "10 mg", "tablet", "tablet", d.Statins, "Rx", 900, 300),
	med("Clopidogrel 75 mg tablet", "clopidogrel", "75 mg", "tablet", "tablet", d.P2Y12Inhibitors, "Rx", 700, 300),
	med("Warfarin 5 mg tablet", "warfarin", "5 mg", "tablet", "tablet", d.VitaminKAntagonists, "Rx", 300, 60),
	med("Glyceryl trinitrate 0.5 mg sublingual tablet", "glyceryl trinitrate", "0.5 mg", "tablet", "tablet", d.Nitrates, "Rx", 200, 60),

	// Diabetes, thyroid, bones
	med("Metformin 500 mg tablet", "metformin", "500 mg", "tablet", "tablet", d.Biguanides, "Rx", 150, 1000),
	med("Metformin 1000 mg prolonged-release tablet", "metformin", "1000 mg", "tablet", "tablet", d.Biguanides, "Rx", 350, 400),
	med("Glimepiride 2 mg tablet", "glimepiride", "2 mg", "tablet", "tablet", d.Sulfonylureas, "Rx", 500, 300),
	med("Gliclazide 80 mg tablet", "gliclazide", "80 mg", "tablet", "tablet", d.Sulfonylureas, "Rx", 350, 200),
	med("Sitagliptin 100 mg tablet", "sitagliptin", "100 mg", "tablet", "tablet", d.DPP4Inhibitors, "Rx", 2000, 200),
	med("Vildagliptin 50 mg tablet", "vildagliptin", "50 mg", "tablet", "tablet", d.DPP4Inhibitors, "Rx", 1800, 200),
	med("Insulin glargine 100 units/mL pen", "insulin glargine", "100 units/mL, 3 mL", "injection", "pen", d.Insulins, "Rx", 70000, 10),
	med("Biphasic isophane insulin 30/70 100 IU/mL vial", "biphasic isophane insulin", "100 IU/mL, 10 mL", "injection", "vial", d.Insulins, "Rx", 15000, 10),
	med("Levothyroxine 50 mcg tablet", "levothyroxine", "50 mcg", "tablet", "tablet", d.ThyroidHormones, "Rx", 120, 500),
	med("Levothyroxine 100 mcg tablet", "levothyroxine", "100 mcg", "tablet", "tablet", d.ThyroidHormones, "Rx", 150, 300),
	med("Carbimazole 5 mg tablet", "carbimazole", "5 mg", "tablet", "tablet", d.Thionamides, "Rx", 300, 100),
	med("Allopurinol 100 mg tablet", "allopurinol", "100 mg", "tablet", "tablet", "", "Rx", 150, 100),
	med("Alendronate 70 mg tablet", "alendronate", "70 mg", "tablet", "tablet", d.Bisphosphonates, "Rx", 2000, 30),
	med("Calcium carbonate + vitamin D3 500 mg/250 IU tablet", "calcium carbonate + colecalciferol", "500 mg/250 IU", "tablet", "tablet", "", "OTC", 500, 500),
	med("Colecalciferol 60,000 IU capsule", "colecalciferol", "60,000 IU", "capsule", "capsule", "", "OTC", 3500, 60),
	med("Ferrous sulfate 200 mg tablet", "ferrous sulfate", "200 mg (65 mg iron)", "tablet", "tablet", "", "OTC", 50, 500),
	med("Folic acid 5 mg tablet", "folic acid", "5 mg", "tablet", "tablet", "", "OTC", 50, 500),
	med("Methylcobalamin 1500 mcg tablet", "methylcobalamin", "1500 mcg", "tablet", "tablet", "", "OTC", 800, 200),

	// Mind and nerves
	med("Sertraline 50 mg tablet", "sertraline", "50 mg", "tablet", "tablet", d.SSRIs, "Rx", 500, 200),
	med("Escitalopram 10 mg tablet", "escitalopram", "10 mg", "tablet", "tablet", d.SSRIs, "Rx", 600, 200),
	med("Fluoxetine 20 mg capsule", "fluoxetine", "20 mg", "capsule", "capsule", d.SSRIs, "Rx", 300, 100),
	med("Amitriptyline 10 mg tablet", "amitriptyline", "10 mg", "tablet", "tablet", d.TricyclicAntidepressant, "Rx", 150, 200),
	med("Alprazolam 0.25 mg tablet", "alprazolam", "0.25 mg", "tablet", "tablet", d.Benzodiazepines, "Rx", 200, 100),
	med("Clonazepam 0.5 mg tablet", "clonazepam", "0.5 mg", "tablet", "tablet", d.Benzodiazepines, "Rx", 300, 100),
	med("Diazepam 5 mg tablet", "diazepam", "5 mg", "tablet", "tablet", d.Benzodiazepines, "Rx", 150, 60),
	med("Lorazepam 2 mg/mL injection", "lorazepam", "2 mg/mL", "injection", "ampoule", d.Benzodiazepines, "Rx", 1500, 10),
	med("Olanzapine 5 mg tablet", "olanzapine", "5 mg", "tablet", "tablet", "", "Rx", 400, 60),
	med("Quetiapine 25 mg tablet", "quetiapine", "25 mg", "tablet", "tablet", "", "Rx", 500, 60),
	med("Sodium valproate 200 mg gastro-resistant tablet", "sodium valproate", "200 mg", "tablet", "tablet", "", "Rx", 400, 100),
	med("Levetiracetam 500 mg tablet", "levetiracetam", "500 mg", "tablet", "tablet", "", "Rx", 1200, 100),
	med("Carbamazepine 200 mg tablet", "carbamazepine", "200 mg", "tablet", "tablet", d.AromaticAnticonvulsants, "Rx", 250, 100),

	// Women's health and urology
	med("Tranexamic acid 500 mg tablet", "tranexamic acid", "500 mg", "tablet", "tablet", "", "Rx", 1500, 100),
	med("Norethisterone 5 mg tablet", "norethisterone", "5 mg", "tablet", "tablet", "", "Rx", 500, 100),
	med("Tamsulosin 0.4 mg capsule", "tamsulosin", "0.4 mg", "capsule", "capsule", d.AlphaBlockers, "Rx", 900, 100),

	// Skin
	med("Hydrocortisone 1% cream", "hydrocortisone", "1%", "cream", "tube", d.Corticosteroids, "OTC", 4000, 20),
	med("Betamethasone valerate 0.1% cream", "betamethasone", "0.1%", "cream", "tube", d.Corticosteroids, "Rx", 3500, 20),
	med("Clobetasol propionate 0.05% cream", "clobetasol", "0.05%", "cream", "tube", d.Corticosteroids, "Rx", 9000, 15),
	med("Mometasone 0.1% cream", "mometasone", "0.1%", "cream", "tube", d.Corticosteroids, "Rx", 15000, 10),
	med("Calamine 15% lotion", "calamine", "15%", "lotion", "bottle", "", "OTC", 9000, 15),
	med("Benzoyl peroxide 2.5% gel", "benzoyl peroxide", "2.5%", "gel", "tube", "", "OTC", 12000, 15),
	med("Adapalene 0.1% gel", "adapalene", "0.1%", "gel", "tube", "", "Rx", 25000, 10),

	// Eyes
	med("Carmellose 0.5% eye drops", "carmellose", "0.5%", "drops", "bottle", "", "OTC", 15000, 15),
	med("Timolol 0.5% eye drops", "timolol", "0.5%", "drops", "bottle", d.BetaBlockers, "Rx", 4000, 10),
	med("Olopatadine 0.1% eye drops", "olopatadine", "0.1%", "drops", "bottle", d.Antihistamines, "Rx", 12000, 10),

	// Procedures and emergencies
	med("Sodium chloride 0.9% infusion 500 mL", "sodium chloride", "0.9%", "injection", "bottle", "", "Rx", 3000, 20),
	med("Compound sodium lactate infusion 500 mL", "compound sodium lactate", "Ringer's lactate", "injection", "bottle", "", "Rx", 3500, 20),
	med("Lidocaine 2% injection", "lidocaine", "20 mg/mL", "injection", "vial", d.AmideLocalAnaesthetics, "Rx", 3500, 10),
	med("Tetanus toxoid 0.5 mL injection", "tetanus toxoid", "0.5 mL", "injection", "ampoule", "", "Rx", 1500, 10),
}
