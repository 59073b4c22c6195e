package demo

import (
	"fmt"
	"strings"
)

// Phone makes an Indian mobile number in the demo's one format, "+91 98765 43210": the
// country code, then ten digits in two groups of five, the first digit 6 to 9.
func Phone(r *Rand) string {
	return fmt.Sprintf("+91 %d%04d %05d", r.Between(6, 9), r.IntN(10_000), r.IntN(100_000))
}

// personalDomains are reserved for examples (RFC 2606): no real mailbox is behind them.
var personalDomains = []string{"example.com", "example.org", "example.net"}

// StaffDomain is the domain of staff accounts' emails.
const StaffDomain = "clinicdesk.example"

// Email derives a personal email from a name, in one of the styles people choose:
// "priya.sharma@example.com", "priyasharma@…", "priya_sharma@…", "p.sharma@…", sometimes
// with a number: lower-case ASCII letters, digits, one dot or underscore.
func Email(r *Rand, first, last string) string {
	f, l := emailWord(first), emailWord(last)
	var local string
	switch r.IntN(5) {
	case 0:
		local = f + "." + l
	case 1:
		local = f + l
	case 2:
		local = f + "_" + l
	case 3:
		local = f[:1] + "." + l
	default:
		local = f + "." + l + fmt.Sprint(r.Between(1, 99))
	}
	return local + "@" + Pick(r, personalDomains)
}

// StaffEmail is a staff member's work email: "first.last@clinicdesk.example".
func StaffEmail(first, last string) string {
	return emailWord(first) + "." + emailWord(last) + "@" + StaffDomain
}

// EmailBook hands out emails that have not been handed out before, for tables where an
// email must be unique (users). Its zero value is ready to use.
type EmailBook struct{ seen map[string]bool }

// Unique returns email if it is new, else the same address with the smallest number
// (2, 3, …) after its local part that makes it new. Case is ignored.
func (b *EmailBook) Unique(email string) string {
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	email = strings.ToLower(email)
	local, domain, _ := strings.Cut(email, "@")
	candidate := email
	for n := 2; b.seen[candidate]; n++ {
		candidate = fmt.Sprintf("%s%d@%s", local, n, domain)
	}
	b.seen[candidate] = true
	return candidate
}

// asciiFold spells the accented letters of the catalogue's names in plain ASCII.
var asciiFold = strings.NewReplacer(
	"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ü", "u",
	"Á", "a", "É", "e", "Í", "i", "Ó", "o", "Ú", "u", "Ñ", "n",
)

// emailWord is a name as an email word: lower-case ASCII letters only.
func emailWord(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(asciiFold.Replace(name)) {
		if c >= 'a' && c <= 'z' {
			b.WriteRune(c)
		}
	}
	return b.String()
}
