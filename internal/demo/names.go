package demo

// Culture groups names that belong together, so that a person's first and last names
// usually come from one tradition.
type Culture string

// The cultures of the demo's names.
const (
	Indian  Culture = "Indian"
	English Culture = "English"
	Spanish Culture = "Spanish"
	Chinese Culture = "Chinese"
	African Culture = "African"
	Arabic  Culture = "Arabic"
)

// nameSet is one culture's names and its share of the population, per mille.
type nameSet struct {
	culture      Culture
	share        int
	female, male []string
	family       []string
}

// names are common given and family names. Chinese names are in pinyin, family name last
// as the registry stores them; African names are Igbo, Yoruba, Akan, Zulu, Kikuyu, Swahili
// and Shona.
var names = []nameSet{
	{Indian, 400,
		[]string{"Priya", "Ananya", "Kavya", "Diya", "Aishwarya", "Lakshmi", "Meera", "Pooja", "Sneha",
			"Divya", "Nandini", "Shreya", "Anjali"},
		[]string{"Arjun", "Rahul", "Vikram", "Aditya", "Rohan", "Sanjay", "Suresh", "Rajesh", "Karthik",
			"Aarav", "Vivek", "Manoj", "Amit"},
		[]string{"Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Singh", "Kumar", "Rao", "Menon",
			"Das", "Banerjee", "Chatterjee", "Joshi", "Kulkarni", "Deshpande", "Mehta", "Shah", "Pillai",
			"Naidu", "Verma", "Mishra", "Agarwal", "Bose", "Chauhan"}},
	{English, 120,
		[]string{"Olivia", "Emily", "Charlotte", "Sophie", "Jessica", "Hannah", "Grace", "Lucy", "Eleanor",
			"Amelia", "Isabel", "Rachel", "Sarah"},
		[]string{"Oliver", "James", "William", "Thomas", "Harry", "George", "Jack", "Edward", "Daniel",
			"Samuel", "Matthew", "Henry", "Benjamin"},
		[]string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
			"Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
			"Clarke", "Hughes", "Edwards", "Turner", "Harris", "O'Brien"}},
	{Spanish, 100,
		[]string{"María", "Lucía", "Sofía", "Carmen", "Elena", "Paula", "Valentina", "Daniela", "Martina",
			"Ana", "Rocío", "Pilar", "Inés"},
		[]string{"José", "Alejandro", "Javier", "Carlos", "Miguel", "Pablo", "Diego", "Antonio", "Manuel",
			"Francisco", "Sergio", "Andrés", "Raúl"},
		[]string{"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
			"Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
			"Romero", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Castillo", "Ortega"}},
	{Chinese, 120,
		[]string{"Mei", "Xiuying", "Fang", "Jing", "Yan", "Hui", "Ling", "Xin", "Na", "Juan", "Lan", "Yun",
			"Xiaoling"},
		[]string{"Wei", "Jun", "Hao", "Lei", "Qiang", "Ming", "Jian", "Tao", "Bo", "Yong", "Zhiwei",
			"Haoran", "Feng"},
		[]string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
			"Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang"}},
	{African, 130,
		[]string{"Amara", "Chiamaka", "Ngozi", "Adaeze", "Folake", "Yetunde", "Abena", "Ama", "Zanele",
			"Thandiwe", "Wanjiru", "Amani", "Nia"},
		[]string{"Chinedu", "Emeka", "Obinna", "Oluwaseun", "Babatunde", "Ayodele", "Kwame", "Kofi",
			"Sipho", "Themba", "Kamau", "Juma", "Tendai"},
		[]string{"Okafor", "Okonkwo", "Eze", "Nwosu", "Adeyemi", "Adebayo", "Ogunleye", "Balogun", "Mensah",
			"Owusu", "Asante", "Boateng", "Dlamini", "Ndlovu", "Nkosi", "Khumalo", "Mokoena", "Mwangi",
			"Otieno", "Njoroge", "Kariuki", "Moyo", "Banda", "Phiri", "Mutua"}},
	{Arabic, 130,
		[]string{"Fatima", "Aisha", "Mariam", "Layla", "Noor", "Yasmin", "Huda", "Salma", "Rania", "Zainab",
			"Amira", "Hana", "Dalia"},
		[]string{"Mohammed", "Ahmed", "Omar", "Ali", "Hassan", "Youssef", "Khalid", "Ibrahim", "Tariq",
			"Karim", "Hamza", "Samir", "Faisal"},
		[]string{"Al-Sayed", "Haddad", "Khoury", "Mansour", "Nasser", "Saleh", "Hamdan", "Abdullah",
			"Al-Rashid", "Farouk", "Aziz", "Hussein", "Darwish", "Khalil", "Masri", "Habib", "Suleiman",
			"Othman", "Rahman", "Jaber", "Awad", "Barakat", "Hakim", "Qasim", "Shalabi"}},
}

// FirstNames returns every given name of the catalogue for sex (Female or Male).
func FirstNames(sex Sex) []string {
	var out []string
	for _, n := range names {
		if sex == Female {
			out = append(out, n.female...)
		} else {
			out = append(out, n.male...)
		}
	}
	return out
}

// LastNames returns every family name of the catalogue.
func LastNames() []string {
	var out []string
	for _, n := range names {
		out = append(out, n.family...)
	}
	return out
}

// pickCulture chooses a culture by population share.
func pickCulture(r *Rand) *nameSet {
	w := make([]int, len(names))
	for i, n := range names {
		w[i] = n.share
	}
	return &names[Weighted(r, w)]
}

// given picks a first name of sex from a culture.
func (n *nameSet) given(r *Rand, sex Sex) string {
	if sex == Female || (sex != Male && r.Chance(500)) {
		return Pick(r, n.female)
	}
	return Pick(r, n.male)
}
