// Package auth holds ClinicDesk's password policy, password hashing, the account
// throttle and the per-address back-off, following NIST SP 800-63B rev 4: long passwords
// of any Unicode characters, no composition rules, a blocklist of common passwords, of
// predictable ones (repeats, sequences, the clinic's name, the demo password) and of the
// user's own details, a strength estimate, and no silent truncation. It is pure: the
// store persists what these functions decide.
package auth

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/match"
	"golang.org/x/text/unicode/norm"
)

// Password length limits, counted in Unicode code points after NFC normalisation.
const (
	// MinPasswordLength is the shortest password accepted.
	MinPasswordLength = 15
	// MaxPasswordLength is the longest password accepted; NIST asks for at least 64.
	MaxPasswordLength = 128

	// maxPasswordBytes refuses absurd input before normalising it. It is far above what
	// NFC could compose into MaxPasswordLength code points (a canonical composition joins
	// at most four code points of at most four bytes each).
	maxPasswordBytes = 32 * MaxPasswordLength
	// minDetailLength is the shortest email local part or name part that a password may
	// not contain; shorter ones would refuse too many good passwords.
	minDetailLength = 4
	// minScore is the weakest zxcvbn score accepted: 4, "very unguessable", at least
	// 10^10 guesses. Score 3 (10^8) let through keyboard rows with symbols and a common
	// password with a word added; a passphrase of three or four ordinary words scores 4.
	minScore = 4
)

// DemoPassword is the one password every account of a demo clinic shares. It is
// printed and shown on the demo's login screen, so anywhere but a demo it is refused.
const DemoPassword = "clinicdesk-demo-password"

// ErrWeakPassword is wrapped by every *PolicyError, so callers can test errors.Is.
var ErrWeakPassword = errors.New("password does not meet the password policy")

// Rule names the policy rule that a password broke.
type Rule int

// The rules CheckPassword applies, in the order it applies them.
const (
	RuleTooLong Rule = iota + 1
	RuleTooShort
	RuleCommon
	RuleRepeated
	RuleContainsEmail
	RuleContainsName
	RuleSequence
	RuleDemo
	RuleContainsClinic
	RuleGuessable
)

// PolicyError says which rule a password broke, with a sentence fit to show the user.
type PolicyError struct {
	Rule   Rule
	Reason string
}

// Error returns the plain sentence for the user.
func (e *PolicyError) Error() string { return e.Reason }

// Unwrap makes errors.Is(err, ErrWeakPassword) true.
func (e *PolicyError) Unwrap() error { return ErrWeakPassword }

// UserFacts are what a password is checked against besides itself: the account's
// details and the clinic's, which it must not contain, and whether the clinic is a demo.
// The store fills them (store.Settings.PasswordFacts); every form that sets a password
// passes them.
type UserFacts struct {
	Email string
	Name  string
	// ClinicName is the clinic's name.
	ClinicName string
	// Demo is set only in a demo clinic, the one place DemoPassword is allowed.
	Demo bool
}

// NormalizePassword returns the NFC form of a password, so that the same characters typed
// on terminals that compose differently give the same password. Hash and Verify apply it.
func NormalizePassword(password string) string {
	return norm.NFC.String(password)
}

// CheckPassword applies the password policy and returns nil or a *PolicyError whose
// sentence says which rule the password broke. Length is counted in code points after
// NFC; the lists and the details are compared case-insensitively. Any Unicode is allowed
// and there are no composition rules. In order: length, the common-password list,
// repeats, sequences, the demo password, the clinic's name, the user's email and name,
// and last a strength estimate (zxcvbn) that knows words, names, keyboard rows, dates
// and the details above.
func CheckPassword(password string, user UserFacts) error {
	if len(password) > maxPasswordBytes {
		return tooLong()
	}
	p := NormalizePassword(password)
	n := utf8.RuneCountInString(p)
	switch {
	case n > MaxPasswordLength:
		return tooLong()
	case n < MinPasswordLength:
		return &PolicyError{RuleTooShort, fmt.Sprintf(
			"Password must be at least %d characters (this one has %d).", MinPasswordLength, n)}
	}
	lower := strings.ToLower(p)
	if isCommon(lower) {
		return &PolicyError{RuleCommon, "Password is one of the most common passwords."}
	}
	if isOneRepeated(p) {
		return &PolicyError{RuleRepeated, "Password must not be a single character repeated."}
	}
	if isRepeatedGroup(lower) {
		return &PolicyError{RuleRepeated, "Password must not be the same few characters repeated."}
	}
	if isSequence(lower) {
		return &PolicyError{RuleSequence, "Password must not be a sequence such as 12345 or abcde."}
	}
	if !user.Demo && strings.Contains(lower, DemoPassword) {
		return &PolicyError{RuleDemo, "Password must not be the demo password: it is published, and allowed only in a demo clinic."}
	}
	if containsAny(lower, clinicParts(user.ClinicName)) {
		return &PolicyError{RuleContainsClinic, "Password must not contain the clinic's name."}
	}
	if containsAny(lower, emailParts(user.Email)) {
		return &PolicyError{RuleContainsEmail, "Password must not contain your email address."}
	}
	if containsAny(lower, nameParts(user.Name)) {
		return &PolicyError{RuleContainsName, "Password must not contain your name."}
	}
	if r := zxcvbn.PasswordStrength(p, userInputs(user)); r.Score < minScore {
		return &PolicyError{RuleGuessable, guessableReason(r.Sequence)}
	}
	return nil
}

// isRepeatedGroup reports whether s is a shorter group of characters said again and
// again ("passwordpassword", "abcabcabcabcabc", "changeme changeme"); the last time may
// be cut short.
func isRepeatedGroup(s string) bool {
	r := []rune(s)
	for period := 1; period <= len(r)/2; period++ {
		repeated := true
		for i := period; i < len(r); i++ {
			if r[i] != r[i-period] {
				repeated = false
				break
			}
		}
		if repeated {
			return true
		}
	}
	return false
}

// isSequence reports whether s runs up or down one step at a time: letters in
// alphabetical order, digits (9 to 0 counts as a step, so "123456789012345" is one),
// or any code points in order.
func isSequence(s string) bool {
	r := []rune(s)
	step := func(a, b rune) int {
		switch {
		case b == a+1 || a == '9' && b == '0' || a == 'z' && b == 'a':
			return 1
		case b == a-1 || a == '0' && b == '9' || a == 'a' && b == 'z':
			return -1
		}
		return 0
	}
	dir := step(r[0], r[1])
	if dir == 0 {
		return false
	}
	for i := 2; i < len(r); i++ {
		if step(r[i-1], r[i]) != dir {
			return false
		}
	}
	return true
}

// clinicParts returns the clinic's name, as written and without spaces, when long
// enough. Its single words are not refused: "clinic" or "health" alone are in too many
// good passphrases; the strength estimate still weighs them.
func clinicParts(name string) []string {
	spaced := strings.Fields(strings.ToLower(norm.NFC.String(name)))
	var parts []string
	for _, c := range []string{strings.Join(spaced, " "), strings.Join(spaced, "")} {
		if utf8.RuneCountInString(c) >= minDetailLength {
			parts = append(parts, c)
		}
	}
	return parts
}

// userInputs are the words the strength estimate treats as known to an attacker.
func userInputs(user UserFacts) []string {
	inputs := append(emailParts(user.Email), nameParts(user.Name)...)
	inputs = append(inputs, clinicParts(user.ClinicName)...)
	return append(inputs, strings.Fields(strings.ToLower(user.ClinicName))...)
}

// guessableReason says why the estimate found a password weak, from the largest part
// of it that a guesser would try first. It never quotes the password: the sentence is
// shown on screen while the password itself is hidden.
func guessableReason(seq []*match.Match) string {
	var biggest *match.Match
	for _, m := range seq {
		if biggest == nil || m.J-m.I > biggest.J-biggest.I {
			biggest = m
		}
	}
	const tail = " Add a few unrelated words."
	if biggest == nil {
		return "Password is too easy to guess." + tail
	}
	switch biggest.Pattern {
	case "spatial":
		return "Password is mostly a row of neighbouring keys on the keyboard." + tail
	case "repeat":
		return "Password is mostly the same characters repeated." + tail
	case "sequence":
		return "Password is mostly a sequence such as 12345 or abcde." + tail
	case "date", "regex":
		return "Password is mostly a date or a year." + tail
	case "dictionary":
		switch biggest.DictionaryName {
		case "passwords":
			return "Password is built from common passwords." + tail
		case "user_inputs":
			return "Password is built from your name, your email or the clinic's name." + tail
		case "male_names", "female_names", "surnames":
			return "Password is built from common names." + tail
		}
		return "Password is built from a few very common words." + tail
	}
	return "Password is too easy to guess." + tail
}

func tooLong() error {
	return &PolicyError{RuleTooLong, fmt.Sprintf(
		"Password must be at most %d characters.", MaxPasswordLength)}
}

// isOneRepeated reports whether s is one code point repeated.
func isOneRepeated(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}

// emailParts returns the whole address and, when long enough, its local part.
func emailParts(email string) []string {
	e := strings.ToLower(norm.NFC.String(strings.TrimSpace(email)))
	if e == "" {
		return nil
	}
	parts := []string{e}
	if at := strings.LastIndexByte(e, '@'); at > 0 {
		if local := e[:at]; utf8.RuneCountInString(local) >= minDetailLength {
			parts = append(parts, local)
		}
	}
	return parts
}

// nameParts returns the full name (as written and without spaces) and each word of it,
// each only when long enough. Words are split at anything but letters, marks and digits,
// so "Jean-Luc O'Brien" gives "jean-luc o'brien", "jean-luco'brien" and "brien".
func nameParts(name string) []string {
	words := strings.FieldsFunc(strings.ToLower(norm.NFC.String(name)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r)
	})
	spaced := strings.Fields(strings.ToLower(norm.NFC.String(name)))
	candidates := append([]string{strings.Join(spaced, " "), strings.Join(spaced, "")}, words...)
	var parts []string
	for _, c := range candidates {
		if utf8.RuneCountInString(c) >= minDetailLength {
			parts = append(parts, c)
		}
	}
	return parts
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
