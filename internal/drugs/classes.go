package drugs

// Class names as stored in inventory_items.drug_class and shown to staff.
const (
	Penicillins             = "Penicillins"
	Cephalosporins          = "Cephalosporins"
	Carbapenems             = "Carbapenems"
	Sulfonamides            = "Sulfonamides"
	Macrolides              = "Macrolides"
	Fluoroquinolones        = "Fluoroquinolones"
	Tetracyclines           = "Tetracyclines"
	Aminoglycosides         = "Aminoglycosides"
	Lincosamides            = "Lincosamides"
	Glycopeptides           = "Glycopeptides"
	Nitroimidazoles         = "Nitroimidazoles"
	Rifamycins              = "Rifamycins"
	AzoleAntifungals        = "Azole antifungals"
	Benzimidazoles          = "Benzimidazole anthelmintics"
	Aminoquinolines         = "4-Aminoquinolines"
	NSAIDs                  = "NSAIDs"
	Anilides                = "Anilide analgesics"
	Opioids                 = "Opioids"
	Gabapentinoids          = "Gabapentinoids"
	ACEInhibitors           = "ACE inhibitors"
	ARBs                    = "Angiotensin receptor blockers"
	BetaBlockers            = "Beta blockers"
	CalciumChannelBlockers  = "Calcium channel blockers"
	AlphaBlockers           = "Alpha blockers"
	ThiazideDiuretics       = "Thiazide diuretics"
	LoopDiuretics           = "Loop diuretics"
	Statins                 = "Statins"
	P2Y12Inhibitors         = "P2Y12 inhibitors"
	VitaminKAntagonists     = "Vitamin K antagonists"
	Biguanides              = "Biguanides"
	Sulfonylureas           = "Sulfonylureas"
	DPP4Inhibitors          = "DPP-4 inhibitors"
	Insulins                = "Insulins"
	ThyroidHormones         = "Thyroid hormones"
	Thionamides             = "Thionamides"
	Bisphosphonates         = "Bisphosphonates"
	ProtonPumpInhibitors    = "Proton pump inhibitors"
	H2Antagonists           = "H2 receptor antagonists"
	SerotoninAntagonists    = "5-HT3 antagonists"
	Corticosteroids         = "Corticosteroids"
	Antihistamines          = "Antihistamines"
	LeukotrieneAntagonists  = "Leukotriene receptor antagonists"
	Beta2Agonists           = "Beta-2 agonists"
	Benzodiazepines         = "Benzodiazepines"
	SSRIs                   = "SSRIs"
	TricyclicAntidepressant = "Tricyclic antidepressants"
	AromaticAnticonvulsants = "Aromatic anticonvulsants"
	AmideLocalAnaesthetics  = "Amide local anaesthetics"
	EsterLocalAnaesthetics  = "Ester local anaesthetics"
	IodinatedContrast       = "Iodinated contrast media"
	PotassiumSparing        = "Potassium-sparing diuretics"
	PotassiumSalts          = "Potassium salts"
	MAOInhibitors           = "MAO inhibitors"
	Triptans                = "Triptans"
	Nitrates                = "Nitrates"
	PDE5Inhibitors          = "PDE-5 inhibitors"
	Thiopurines             = "Thiopurines"
	Xanthines               = "Xanthines"
	CardiacGlycosides       = "Cardiac glycosides"
	LithiumSalts            = "Lithium salts"
	Butyrophenones          = "Butyrophenones"
	ClassIIIAntiarrhythmics = "Class III antiarrhythmics"
	DOACs                   = "Direct oral anticoagulants"
)

// table is the source of Classes. Aliases and members are lower case; punctuation in them
// is insignificant ("beta-blocker" and "beta blocker" are the same phrase).
//
// Sulfonamides lists the sulfonamide antibacterials and sulfasalazine only: allergy to a
// sulfonamide antibiotic is not known to cross-react with non-antibiotic sulfonamides
// (furosemide, thiazides, sulfonylureas), so "sulfa" does not reach them.
var table = []Class{
	{Penicillins, "a penicillin",
		[]string{"penicillin", "penicillins", "penicillin antibiotics"},
		[]string{"amoxicillin", "ampicillin", "penicillin v", "benzylpenicillin", "benzathine benzylpenicillin",
			"procaine benzylpenicillin", "flucloxacillin", "cloxacillin", "dicloxacillin", "oxacillin",
			"nafcillin", "piperacillin", "ticarcillin", "temocillin", "pivmecillinam", "co-amoxiclav"}},
	{Cephalosporins, "a cephalosporin",
		[]string{"cephalosporin", "cephalosporins"},
		[]string{"cefalexin", "cefadroxil", "cefazolin", "cefuroxime", "cefaclor", "cefprozil", "cefoxitin",
			"cefixime", "cefpodoxime", "cefdinir", "ceftriaxone", "cefotaxime", "ceftazidime",
			"cefoperazone", "cefepime", "ceftaroline"}},
	{Carbapenems, "a carbapenem",
		[]string{"carbapenem", "carbapenems"},
		[]string{"meropenem", "imipenem", "ertapenem", "doripenem"}},
	{Sulfonamides, "a sulfonamide",
		[]string{"sulfa", "sulpha", "sulfa drugs", "sulpha drugs", "sulfonamide", "sulfonamides",
			"sulphonamide", "sulphonamides"},
		[]string{"sulfamethoxazole", "co-trimoxazole", "sulfadiazine", "silver sulfadiazine",
			"sulfacetamide", "sulfasalazine"}},
	{Macrolides, "a macrolide",
		[]string{"macrolide", "macrolides"},
		[]string{"erythromycin", "clarithromycin", "azithromycin", "roxithromycin"}},
	{Fluoroquinolones, "a fluoroquinolone",
		[]string{"fluoroquinolone", "fluoroquinolones", "quinolone", "quinolones"},
		[]string{"ciprofloxacin", "levofloxacin", "moxifloxacin", "ofloxacin", "norfloxacin"}},
	{Tetracyclines, "a tetracycline",
		[]string{"tetracyclines"},
		[]string{"tetracycline", "doxycycline", "minocycline", "oxytetracycline", "demeclocycline", "tigecycline"}},
	{Aminoglycosides, "an aminoglycoside",
		[]string{"aminoglycoside", "aminoglycosides"},
		[]string{"gentamicin", "amikacin", "tobramycin", "streptomycin", "neomycin", "netilmicin"}},
	{Lincosamides, "a lincosamide",
		[]string{"lincosamide", "lincosamides"},
		[]string{"clindamycin", "lincomycin"}},
	{Glycopeptides, "a glycopeptide",
		[]string{"glycopeptide", "glycopeptides"},
		[]string{"vancomycin", "teicoplanin"}},
	{Nitroimidazoles, "a nitroimidazole",
		[]string{"nitroimidazole", "nitroimidazoles"},
		[]string{"metronidazole", "tinidazole", "ornidazole", "secnidazole"}},
	{Rifamycins, "a rifamycin",
		[]string{"rifamycin", "rifamycins"},
		[]string{"rifampicin", "rifabutin", "rifapentine", "rifaximin"}},
	{AzoleAntifungals, "an azole antifungal",
		[]string{"azole", "azoles", "azole antifungal", "azole antifungals"},
		[]string{"fluconazole", "itraconazole", "ketoconazole", "voriconazole", "posaconazole",
			"clotrimazole", "miconazole", "econazole", "luliconazole"}},
	{Benzimidazoles, "a benzimidazole anthelmintic",
		[]string{"benzimidazole", "benzimidazoles", "benzimidazole anthelmintics"},
		[]string{"albendazole", "mebendazole"}},
	{Aminoquinolines, "a 4-aminoquinoline",
		[]string{"4-aminoquinoline", "4-aminoquinolines", "aminoquinolines"},
		[]string{"chloroquine", "hydroxychloroquine", "amodiaquine"}},
	{NSAIDs, "an NSAID",
		[]string{"nsaid", "nsaids", "non-steroidal anti-inflammatory", "non-steroidal anti-inflammatories",
			"non-steroidal anti-inflammatory drugs", "nonsteroidal anti-inflammatory drugs"},
		[]string{"aspirin", "ibuprofen", "diclofenac", "naproxen", "ketorolac", "mefenamic acid",
			"indometacin", "piroxicam", "meloxicam", "celecoxib", "etoricoxib", "ketoprofen",
			"dexketoprofen", "flurbiprofen", "aceclofenac", "nimesulide", "etodolac", "nabumetone"}},
	{Anilides, "an anilide analgesic",
		[]string{"anilide", "anilides"},
		[]string{"paracetamol", "propacetamol"}},
	{Opioids, "an opioid",
		[]string{"opioid", "opioids", "opiate", "opiates", "narcotic", "narcotics"},
		[]string{"morphine", "codeine", "dihydrocodeine", "tramadol", "tapentadol", "oxycodone",
			"hydrocodone", "hydromorphone", "fentanyl", "pethidine", "methadone", "buprenorphine",
			"diamorphine", "pentazocine", "nalbuphine"}},
	{Gabapentinoids, "a gabapentinoid",
		[]string{"gabapentinoid", "gabapentinoids"},
		[]string{"gabapentin", "pregabalin"}},
	{ACEInhibitors, "an ACE inhibitor",
		[]string{"ace inhibitor", "ace inhibitors", "ace-i", "acei"},
		[]string{"captopril", "enalapril", "lisinopril", "ramipril", "perindopril", "benazepril",
			"fosinopril", "quinapril", "trandolapril"}},
	{ARBs, "an angiotensin receptor blocker",
		[]string{"arb", "arbs", "sartan", "sartans", "angiotensin receptor blocker",
			"angiotensin receptor blockers", "angiotensin ii receptor blockers"},
		[]string{"losartan", "valsartan", "telmisartan", "olmesartan", "irbesartan", "candesartan", "azilsartan"}},
	{BetaBlockers, "a beta blocker",
		[]string{"beta blocker", "beta blockers", "beta-adrenergic blockers"},
		[]string{"atenolol", "metoprolol", "propranolol", "bisoprolol", "carvedilol", "nebivolol",
			"labetalol", "timolol", "esmolol", "sotalol"}},
	{CalciumChannelBlockers, "a calcium channel blocker",
		[]string{"ccb", "ccbs", "calcium channel blocker", "calcium channel blockers",
			"calcium antagonist", "calcium antagonists"},
		[]string{"amlodipine", "nifedipine", "felodipine", "lercanidipine", "cilnidipine", "nicardipine",
			"diltiazem", "verapamil"}},
	{AlphaBlockers, "an alpha blocker",
		[]string{"alpha blocker", "alpha blockers"},
		[]string{"tamsulosin", "silodosin", "alfuzosin", "doxazosin", "prazosin", "terazosin"}},
	{ThiazideDiuretics, "a thiazide diuretic",
		[]string{"thiazide", "thiazides", "thiazide diuretic", "thiazide diuretics"},
		[]string{"hydrochlorothiazide", "chlortalidone", "indapamide", "bendroflumethiazide",
			"metolazone", "chlorothiazide"}},
	{LoopDiuretics, "a loop diuretic",
		[]string{"loop diuretic", "loop diuretics"},
		[]string{"furosemide", "torasemide", "bumetanide"}},
	{Statins, "a statin",
		[]string{"statin", "statins", "hmg-coa reductase inhibitors"},
		[]string{"atorvastatin", "rosuvastatin", "simvastatin", "pravastatin", "lovastatin",
			"fluvastatin", "pitavastatin"}},
	{P2Y12Inhibitors, "a P2Y12 inhibitor",
		[]string{"p2y12 inhibitor", "p2y12 inhibitors"},
		[]string{"clopidogrel", "prasugrel", "ticagrelor"}},
	{VitaminKAntagonists, "a vitamin K antagonist",
		[]string{"vitamin k antagonist", "vitamin k antagonists", "coumarins"},
		[]string{"warfarin", "acenocoumarol"}},
	{Biguanides, "a biguanide",
		[]string{"biguanide", "biguanides"},
		[]string{"metformin"}},
	{Sulfonylureas, "a sulfonylurea",
		[]string{"sulfonylurea", "sulfonylureas", "sulphonylurea", "sulphonylureas"},
		[]string{"glibenclamide", "gliclazide", "glimepiride", "glipizide", "tolbutamide"}},
	{DPP4Inhibitors, "a DPP-4 inhibitor",
		[]string{"dpp-4 inhibitor", "dpp-4 inhibitors", "gliptin", "gliptins"},
		[]string{"sitagliptin", "vildagliptin", "saxagliptin", "linagliptin", "teneligliptin", "alogliptin"}},
	{Insulins, "an insulin",
		[]string{"insulin", "insulins"},
		[]string{"human insulin", "isophane insulin", "insulin glargine", "insulin detemir",
			"insulin degludec", "insulin aspart", "insulin lispro", "insulin glulisine"}},
	{ThyroidHormones, "a thyroid hormone",
		[]string{"thyroid hormone", "thyroid hormones"},
		[]string{"levothyroxine", "liothyronine"}},
	{Thionamides, "a thionamide",
		[]string{"thionamide", "thionamides"},
		[]string{"carbimazole", "methimazole", "propylthiouracil"}},
	{Bisphosphonates, "a bisphosphonate",
		[]string{"bisphosphonate", "bisphosphonates"},
		[]string{"alendronate", "risedronate", "ibandronate", "zoledronic acid"}},
	{ProtonPumpInhibitors, "a proton pump inhibitor",
		[]string{"ppi", "ppis", "proton pump inhibitor", "proton pump inhibitors"},
		[]string{"omeprazole", "esomeprazole", "pantoprazole", "lansoprazole", "rabeprazole"}},
	{H2Antagonists, "an H2 receptor antagonist",
		[]string{"h2 blocker", "h2 blockers", "h2 antagonist", "h2 antagonists",
			"h2 receptor antagonist", "h2 receptor antagonists"},
		[]string{"famotidine", "ranitidine", "cimetidine", "nizatidine"}},
	{SerotoninAntagonists, "a 5-HT3 antagonist",
		[]string{"5-ht3 antagonist", "5-ht3 antagonists", "setrons"},
		[]string{"ondansetron", "granisetron", "palonosetron"}},
	{Corticosteroids, "a corticosteroid",
		[]string{"corticosteroid", "corticosteroids", "steroid", "steroids"},
		[]string{"prednisolone", "prednisone", "methylprednisolone", "dexamethasone", "hydrocortisone",
			"betamethasone", "budesonide", "fluticasone", "beclometasone", "mometasone",
			"triamcinolone", "clobetasol", "deflazacort"}},
	{Antihistamines, "an antihistamine",
		[]string{"antihistamine", "antihistamines", "h1 antihistamines"},
		[]string{"cetirizine", "levocetirizine", "loratadine", "desloratadine", "fexofenadine", "bilastine",
			"chlorphenamine", "pheniramine", "diphenhydramine", "promethazine", "hydroxyzine", "cyproheptadine",
			"olopatadine", "azelastine", "ketotifen"}},
	{LeukotrieneAntagonists, "a leukotriene receptor antagonist",
		[]string{"leukotriene receptor antagonist", "leukotriene receptor antagonists", "leukotriene antagonists"},
		[]string{"montelukast", "zafirlukast"}},
	{Beta2Agonists, "a beta-2 agonist",
		[]string{"beta-2 agonist", "beta-2 agonists", "beta agonist", "beta agonists"},
		[]string{"salbutamol", "levosalbutamol", "terbutaline", "salmeterol", "formoterol", "indacaterol"}},
	{Benzodiazepines, "a benzodiazepine",
		[]string{"benzodiazepine", "benzodiazepines", "benzo", "benzos"},
		[]string{"diazepam", "lorazepam", "alprazolam", "clonazepam", "chlordiazepoxide", "midazolam",
			"temazepam", "nitrazepam", "oxazepam", "clobazam"}},
	{SSRIs, "an SSRI",
		[]string{"ssri", "ssris", "selective serotonin reuptake inhibitor", "selective serotonin reuptake inhibitors"},
		[]string{"fluoxetine", "sertraline", "escitalopram", "citalopram", "paroxetine", "fluvoxamine"}},
	{TricyclicAntidepressant, "a tricyclic antidepressant",
		[]string{"tca", "tcas", "tricyclic", "tricyclics", "tricyclic antidepressant", "tricyclic antidepressants"},
		[]string{"amitriptyline", "nortriptyline", "imipramine", "clomipramine", "dosulepin", "doxepin", "desipramine"}},
	{AromaticAnticonvulsants, "an aromatic anticonvulsant",
		[]string{"aromatic anticonvulsant", "aromatic anticonvulsants", "aromatic antiepileptic",
			"aromatic antiepileptics"},
		[]string{"carbamazepine", "oxcarbazepine", "phenytoin", "phenobarbital", "primidone", "lamotrigine"}},
	{AmideLocalAnaesthetics, "an amide local anaesthetic",
		[]string{"amide local anaesthetic", "amide local anaesthetics", "amide local anesthetic",
			"amide local anesthetics"},
		[]string{"lidocaine", "bupivacaine", "levobupivacaine", "ropivacaine", "prilocaine", "mepivacaine", "articaine"}},
	{EsterLocalAnaesthetics, "an ester local anaesthetic",
		[]string{"ester local anaesthetic", "ester local anaesthetics", "ester local anesthetic",
			"ester local anesthetics"},
		[]string{"procaine", "benzocaine", "tetracaine", "chloroprocaine"}},
	{IodinatedContrast, "an iodinated contrast medium",
		[]string{"contrast", "contrast dye", "contrast media", "iodinated contrast", "iodinated contrast media",
			"x-ray contrast", "ct contrast"},
		[]string{"iohexol", "iopamidol", "iodixanol", "iopromide", "ioversol"}},
	{PotassiumSparing, "a potassium-sparing diuretic",
		[]string{"potassium-sparing diuretic", "potassium-sparing diuretics", "aldosterone antagonist",
			"aldosterone antagonists", "mineralocorticoid receptor antagonists"},
		[]string{"spironolactone", "eplerenone", "amiloride", "triamterene"}},
	{PotassiumSalts, "a potassium salt",
		[]string{"potassium salt", "potassium supplement", "potassium supplements"},
		[]string{"potassium chloride", "potassium citrate", "potassium bicarbonate", "effervescent potassium"}},
	{MAOInhibitors, "an MAO inhibitor",
		[]string{"maoi", "maois", "mao inhibitor", "monoamine oxidase inhibitor", "monoamine oxidase inhibitors"},
		[]string{"phenelzine", "tranylcypromine", "isocarboxazid", "moclobemide", "selegiline", "rasagiline"}},
	{Triptans, "a triptan",
		[]string{"triptan", "5-ht1 agonists"},
		[]string{"sumatriptan", "rizatriptan", "zolmitriptan", "naratriptan", "eletriptan", "almotriptan", "frovatriptan"}},
	{Nitrates, "a nitrate",
		[]string{"nitrate", "organic nitrates"},
		[]string{"glyceryl trinitrate", "isosorbide mononitrate", "isosorbide dinitrate"}},
	{PDE5Inhibitors, "a PDE-5 inhibitor",
		[]string{"pde-5 inhibitor", "pde5 inhibitor", "pde5 inhibitors", "phosphodiesterase-5 inhibitors"},
		[]string{"sildenafil", "tadalafil", "vardenafil", "avanafil"}},
	{Thiopurines, "a thiopurine",
		[]string{"thiopurine"},
		[]string{"azathioprine", "mercaptopurine", "tioguanine"}},
	{Xanthines, "a xanthine",
		[]string{"xanthine", "methylxanthines"},
		[]string{"theophylline", "aminophylline"}},
	{CardiacGlycosides, "a cardiac glycoside",
		[]string{"cardiac glycoside", "digitalis"},
		[]string{"digoxin", "digitoxin"}},
	{LithiumSalts, "a lithium salt",
		[]string{"lithium salt"},
		[]string{"lithium"}},
	{Butyrophenones, "a butyrophenone",
		[]string{"butyrophenone"},
		[]string{"haloperidol", "droperidol"}},
	{ClassIIIAntiarrhythmics, "a class III antiarrhythmic",
		[]string{"class iii antiarrhythmic"},
		[]string{"amiodarone", "dronedarone"}},
	{DOACs, "a direct oral anticoagulant",
		[]string{"doac", "doacs", "noac", "noacs", "direct oral anticoagulant"},
		[]string{"rivaroxaban", "apixaban", "edoxaban", "dabigatran"}},
}

// synonyms maps other names in use (US, older British, brand-like compounds) to the
// canonical member name. Keys and values are in phrase form (see phrase).
var synonyms = map[string]string{
	"acetaminophen":                     "paracetamol",
	"apap":                              "paracetamol",
	"albuterol":                         "salbutamol",
	"levalbuterol":                      "levosalbutamol",
	"glyburide":                         "glibenclamide",
	"frusemide":                         "furosemide",
	"torsemide":                         "torasemide",
	"cephalexin":                        "cefalexin",
	"cephazolin":                        "cefazolin",
	"chlorpheniramine":                  "chlorphenamine",
	"meperidine":                        "pethidine",
	"heroin":                            "diamorphine",
	"indomethacin":                      "indometacin",
	"beclomethasone":                    "beclometasone",
	"chlorthalidone":                    "chlortalidone",
	"lignocaine":                        "lidocaine",
	"amethocaine":                       "tetracaine",
	"rifampin":                          "rifampicin",
	"thiamazole":                        "methimazole",
	"thyroxine":                         "levothyroxine",
	"l thyroxine":                       "levothyroxine",
	"alendronic acid":                   "alendronate",
	"risedronic acid":                   "risedronate",
	"ibandronic acid":                   "ibandronate",
	"phenobarbitone":                    "phenobarbital",
	"acetylsalicylic acid":              "aspirin",
	"asa":                               "aspirin",
	"dothiepin":                         "dosulepin",
	"penicillin g":                      "benzylpenicillin",
	"phenoxymethylpenicillin":           "penicillin v",
	"amoxycillin":                       "amoxicillin",
	"cotrimoxazole":                     "co-trimoxazole",
	"trimethoprim sulfamethoxazole":     "co-trimoxazole",
	"sulfamethoxazole trimethoprim":     "co-trimoxazole",
	"sulfamethoxazole and trimethoprim": "co-trimoxazole",
	"amoxicillin clavulanate":           "co-amoxiclav",
	"amoxicillin clavulanic acid":       "co-amoxiclav",
	"amoxicillin and clavulanate":       "co-amoxiclav",
	"amoxicillin and clavulanic acid":   "co-amoxiclav",
	"soluble insulin":                   "human insulin",
	"regular insulin":                   "human insulin",
	"nph insulin":                       "isophane insulin",
	"insulin isophane":                  "isophane insulin",
	"nitroglycerin":                     "glyceryl trinitrate",
	"gtn":                               "glyceryl trinitrate",
	"lithium carbonate":                 "lithium",
	"lithium citrate":                   "lithium",
	"6 mercaptopurine":                  "mercaptopurine",
	"isosorbide 5 mononitrate":          "isosorbide mononitrate",
	"dabigatran etexilate":              "dabigatran",
	"valproate":                         "sodium valproate",
	"valproic acid":                     "sodium valproate",
	"divalproex":                        "sodium valproate",
	"epinephrine":                       "adrenaline",
	"cyclosporine":                      "ciclosporin",
	"cyclosporin":                       "ciclosporin",
	"ferrous sulphate":                  "ferrous sulfate",
	"cholecalciferol":                   "colecalciferol",
	"vitamin d3":                        "colecalciferol",
	"hyoscine":                          "hyoscine butylbromide",
	"ors":                               "oral rehydration salts",
	"carboxymethylcellulose":            "carmellose",
	"acyclovir":                         "aciclovir",
	"biphasic isophane insulin":         "isophane insulin",
}

// unclassified are generics the table knows but places in no class: a line naming one
// is recognised (and checked for interactions that name it) without an allergy class.
var unclassified = []string{
	"methotrexate", "trimethoprim", "clavulanic acid", "tazobactam", "allopurinol", "febuxostat", "colchicine",
	"ciclosporin", "tacrolimus", "linezolid", "nitrofurantoin", "chloramphenicol", "mupirocin", "fusidic acid",
	"terbinafine", "ivermectin", "permethrin", "aciclovir", "oseltamivir", "dextromethorphan", "ambroxol",
	"domperidone", "metoclopramide", "loperamide", "lactulose", "bisacodyl", "drotaverine",
	"hyoscine butylbromide", "oral rehydration salts", "zinc sulfate", "aluminium hydroxide",
	"magnesium hydroxide", "xylometazoline", "adrenaline", "tranexamic acid", "norethisterone", "calamine",
	"benzoyl peroxide", "adapalene", "carmellose", "folic acid", "ferrous sulfate", "colecalciferol",
	"methylcobalamin", "calcium carbonate", "sodium chloride", "compound sodium lactate", "tetanus toxoid",
	"olanzapine", "quetiapine", "risperidone", "sodium valproate", "levetiracetam", "caffeine", "heparin",
}
