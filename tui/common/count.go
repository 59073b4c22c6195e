package common

import "strconv"

// Count is n with the word that reads right for it: "1 day", "2 days", "0 days".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
