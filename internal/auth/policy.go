// Package auth holds ClinicDesk's password policy, password hashing and account lockout
// policy, following NIST SP 800-63B rev 4: long passwords of any Unicode characters, no
// composition rules, a blocklist of common passwords and of the user's own details, and no
// silent truncation. It is pure: the store persists what these functions decide.
package auth

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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
)

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

// UserFacts are the account details a password must not contain.
type UserFacts struct {
	Email string
	Name  string
}

// NormalizePassword returns the NFC form of a password, so that the same characters typed
// on terminals that compose differently give the same password. Hash and Verify apply it.
func NormalizePassword(password string) string {
	return norm.NFC.String(password)
}

// CheckPassword applies the password policy and returns nil or a *PolicyError. Length is
// counted in code points after NFC; the common-password list and the user's email and name
// are compared case-insensitively. Any Unicode is allowed and there are no composition rules.
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
	if containsAny(lower, emailParts(user.Email)) {
		return &PolicyError{RuleContainsEmail, "Password must not contain your email address."}
	}
	if containsAny(lower, nameParts(user.Name)) {
		return &PolicyError{RuleContainsName, "Password must not contain your name."}
	}
	return nil
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
