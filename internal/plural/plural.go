// Package plural writes a count with its noun as English reads it: "1 line",
// "2 lines", "0 lines", never "1 lines" or "line(s)".
package plural

import "strconv"

// N is the count and the noun: one when n is 1 (or -1), many otherwise.
func N(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// S is N for a noun whose plural adds an s: S(1, "line") is "1 line", S(3, "line")
// "3 lines".
func S(n int, noun string) string { return N(n, noun, noun+"s") }
