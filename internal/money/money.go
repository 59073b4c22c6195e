// Package money is the clinic's one way of writing and reading amounts: whole cents in
// an int64, written with two decimals and the clinic's currency code.
package money

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
)

// Cents is an amount of money in hundredths of the currency's unit.
type Cents int64

// maxWhole bounds what Parse accepts: no fee, price or payment at a clinic comes near
// a billion, and the bound keeps every product well inside an int64.
const maxWhole = 1_000_000_000

// String writes the amount as a plain decimal, as a form field takes it back:
// "12.50", "0.05", "-0.50".
func (c Cents) String() string {
	sign, n := "", int64(c)
	if n < 0 {
		sign = "-"
	}
	whole, frac := n/100, n%100
	if whole < 0 {
		whole = -whole
	}
	if frac < 0 {
		frac = -frac
	}
	f := strconv.FormatInt(frac, 10)
	if frac < 10 {
		f = "0" + f
	}
	return sign + strconv.FormatInt(whole, 10) + "." + f
}

// Format writes the amount after the currency code: "INR 500.00", "USD -0.50". An
// empty currency writes the amount alone.
func (c Cents) Format(currency string) string {
	if currency = strings.TrimSpace(currency); currency == "" {
		return c.String()
	}
	return currency + " " + c.String()
}

// The reasons Parse refuses an amount, as sentences a form shows under the field.
var (
	ErrEmpty     = errors.New("Type an amount, such as 12.50.")
	ErrNotNumber = errors.New("Type the amount in digits, such as 12.50.")
	ErrDecimals  = errors.New("An amount has at most two decimals, such as 12.50.")
	ErrNegative  = errors.New("The amount cannot be negative.")
	ErrTooLarge  = errors.New("The amount is too large.")
)

// symbols are the currency signs Parse accepts in front of an amount.
const symbols = "$€£₹¥"

// Parse reads an amount as people type it: "12", "12.5", "12.50", ".50", "12.", with
// spaces around it and optionally a currency in front: a sign ("$12.50") or a
// three-letter code ("INR 500", as Format writes it). It refuses an empty field, a
// negative amount, more than two decimals, anything that is not digits (including
// thousands separators) and amounts of a billion or more, each with an error that says
// which.
func Parse(s string) (Cents, error) {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 0 && strings.ContainsRune(symbols, r[0]) {
		s = strings.TrimSpace(string(r[1:]))
	} else if len(s) > 3 && isLetters(s[:3]) && !unicode.IsLetter(rune(s[3])) {
		s = strings.TrimSpace(s[3:])
	}
	if s == "" {
		return 0, ErrEmpty
	}
	if s[0] == '-' {
		if _, err := Parse(s[1:]); err == nil {
			return 0, ErrNegative
		}
		return 0, ErrNotNumber
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || !isDigits(whole) || !isDigits(frac) {
		return 0, ErrNotNumber
	}
	if len(frac) > 2 {
		return 0, ErrDecimals
	}
	w := int64(0)
	if whole != "" {
		n, err := strconv.ParseInt(whole, 10, 64)
		if err != nil || n >= maxWhole {
			return 0, ErrTooLarge
		}
		w = n
	}
	f := int64(0)
	if frac != "" {
		n, _ := strconv.ParseInt(frac, 10, 64) // digits only, at most two
		if len(frac) == 1 {
			n *= 10
		}
		f = n
	}
	return Cents(w*100 + f), nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}
