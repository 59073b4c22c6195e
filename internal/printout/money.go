package printout

import "fmt"

// money writes cents in the clinic's currency: "USD 12.50", "USD -0.50".
func money(cents int64, currency string) string {
	sign, abs := "", uint64(cents)
	if cents < 0 {
		sign, abs = "-", uint64(-(cents+1))+1
	}
	return fmt.Sprintf("%s %s%d.%02d", currency, sign, abs/100, abs%100)
}
