package demo

import (
	"fmt"
	"strings"
)

// city is an Indian city with its state, the state's vehicle-registration code (used in
// licence numbers), its PIN codes (pinBase+1 … pinBase+pinSpan) and some of its localities.
type city struct {
	name, state, code string
	pinBase, pinSpan  int
	localities        []string
}

var cities = []city{
	{"Bengaluru", "Karnataka", "KA", 560000, 100, []string{"Indiranagar", "Koramangala", "Jayanagar", "Malleswaram", "Whitefield", "HSR Layout", "Basavanagudi"}},
	{"Mumbai", "Maharashtra", "MH", 400000, 104, []string{"Andheri West", "Bandra West", "Dadar", "Powai", "Colaba", "Borivali", "Chembur"}},
	{"New Delhi", "Delhi", "DL", 110000, 96, []string{"Lajpat Nagar", "Karol Bagh", "Dwarka", "Rohini", "Saket", "Mayur Vihar", "Greater Kailash"}},
	{"Chennai", "Tamil Nadu", "TN", 600000, 119, []string{"T. Nagar", "Adyar", "Anna Nagar", "Mylapore", "Velachery", "Besant Nagar", "Tambaram"}},
	{"Kolkata", "West Bengal", "WB", 700000, 150, []string{"Salt Lake", "Ballygunge", "Park Circus", "Behala", "Gariahat", "New Town", "Tollygunge"}},
	{"Hyderabad", "Telangana", "TG", 500000, 100, []string{"Banjara Hills", "Jubilee Hills", "Gachibowli", "Kukatpally", "Secunderabad", "Madhapur", "Ameerpet"}},
	{"Pune", "Maharashtra", "MH", 411000, 60, []string{"Kothrud", "Aundh", "Baner", "Viman Nagar", "Hadapsar", "Shivajinagar", "Wakad"}},
	{"Ahmedabad", "Gujarat", "GJ", 380000, 60, []string{"Navrangpura", "Satellite", "Vastrapur", "Maninagar", "Bopal", "Paldi"}},
	{"Jaipur", "Rajasthan", "RJ", 302000, 40, []string{"Malviya Nagar", "Vaishali Nagar", "C-Scheme", "Mansarovar", "Raja Park", "Bani Park"}},
	{"Lucknow", "Uttar Pradesh", "UP", 226000, 30, []string{"Gomti Nagar", "Hazratganj", "Aliganj", "Indira Nagar", "Aminabad", "Mahanagar"}},
	{"Kochi", "Kerala", "KL", 682000, 40, []string{"Kakkanad", "Edappally", "Fort Kochi", "Vyttila", "Kadavanthra", "Palarivattom"}},
	{"Chandigarh", "Chandigarh", "CH", 160000, 36, []string{"Sector 17", "Sector 22", "Sector 35", "Sector 8", "Sector 44", "Manimajra"}},
}

// streets are road names found in most Indian cities.
var streets = []string{
	"MG Road", "Station Road", "Church Street", "Park Street", "Temple Road", "Nehru Road",
	"Gandhi Road", "Main Road", "Market Road", "Hospital Road", "Lake View Road", "1st Cross Road",
	"2nd Main Road", "4th Cross Road", "Ring Road", "Link Road", "Subhash Marg", "Tilak Road",
	"Shivaji Road", "Netaji Subhas Road", "Ambedkar Road", "College Road", "Sardar Patel Road",
	"Tagore Road", "Rajaji Street", "Residency Road", "Canal Road", "Mission Road", "Post Office Road",
	"Old Airport Road",
}

// buildings are housing-society names for flats.
var buildings = []string{
	"Lotus Residency", "Sai Apartments", "Green Park Towers", "Shanti Niketan", "Palm Grove",
	"Sunrise Enclave", "Silver Oak Apartments", "Ganga Heights", "Royal Gardens", "Lake Vista",
	"Jasmine Court", "Prestige Meadows", "Krishna Towers", "Harmony Homes", "Blue Bell Residency",
}

// Address is a postal address in the demo's Indian format.
type Address struct {
	Line1    string // "Flat 302, Lotus Residency" or "No. 14"
	Street   string // "MG Road"
	Locality string // "Indiranagar"
	City     string
	State    string
	PIN      string // six digits
}

// String is the address on one line, as the patients table stores it:
// "No. 14, MG Road, Indiranagar, Bengaluru, Karnataka 560038".
func (a Address) String() string {
	return strings.Join([]string{a.Line1, a.Street, a.Locality, a.City, a.State + " " + a.PIN}, ", ")
}

// address makes an address: mostly in the clinic's own city, sometimes in another.
func address(r *Rand) Address {
	c := &cities[r.home]
	if r.Chance(150) {
		c = &cities[r.IntN(len(cities))]
	}
	line1 := fmt.Sprintf("No. %d", r.Between(1, 250))
	if r.Chance(450) {
		line1 = fmt.Sprintf("Flat %d%02d, %s", r.Between(1, 14), r.Between(1, 12), Pick(r, buildings))
	}
	return Address{
		Line1:    line1,
		Street:   Pick(r, streets),
		Locality: Pick(r, c.localities),
		City:     c.name,
		State:    c.state,
		PIN:      fmt.Sprintf("%06d", c.pinBase+r.Between(1, c.pinSpan)),
	}
}
