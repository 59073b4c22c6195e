package auth

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// pw returns a password of n code points that breaks no rule but length.
func pw(n int) string {
	const text = "Lantern orbit 7 plum harbor figs quietly drift past the old mill while nine crows " +
		"argue over a copper kettle beside the river at dusk, and the ferryman hums along"
	if n <= len(text) {
		return text[:n]
	}
	return text + strings.Repeat("x", n-len(text))
}

func TestCheckPassword(t *testing.T) {
	t.Parallel()
	maria := UserFacts{Email: "Maria.Lopez@Clinic.example", Name: "María  López-Núñez"}
	short := UserFacts{Email: "bo@x.io", Name: "Jo Li"}
	riverside := UserFacts{Email: "ana@riverside.example", Name: "Ana Admin", ClinicName: "Riverside Family Clinic"}
	tests := []struct {
		name     string
		password string
		user     UserFacts
		rule     Rule // 0 means accepted
		reason   string
	}{
		{"14 characters refused", pw(14), maria, RuleTooShort, "Password must be at least 15 characters (this one has 14)."},
		{"9 characters refused", pw(9), maria, RuleTooShort, "Password must be at least 15 characters (this one has 9)."},
		{"empty refused", "", maria, RuleTooShort, "Password must be at least 15 characters (this one has 0)."},
		{"15 characters accepted", pw(15), maria, 0, ""},
		{"64 characters accepted", pw(64), maria, 0, ""},
		{"128 characters accepted", pw(128), maria, 0, ""},
		{"129 characters refused", pw(129), maria, RuleTooLong, "Password must be at most 128 characters."},
		{"huge input refused", strings.Repeat("ab", 100_000), maria, RuleTooLong, "Password must be at most 128 characters."},
		{"emoji and CJK passphrase accepted", "🦷 歯医者の予約は来週の火曜日 🩺", maria, 0, ""},
		{"counted after NFC: 15 composed", "cafe\u0301 au lait ok", maria, 0, ""},
		{"counted after NFC: 14 composed", "cafe\u0301 au lait o", maria, RuleTooShort, "Password must be at least 15 characters (this one has 14)."},
		{"spaces and symbols allowed", " ~ lamp & kettle + 9 ", maria, 0, ""},
		{"a row of keys refused", "  ~!@#$%^&*()_+ ", maria, RuleGuessable,
			"Password is mostly a row of neighbouring keys on the keyboard. Add a few unrelated words."},
		{"common password refused", "1qaz2wsx3edc4rfv", maria, RuleCommon, "Password is one of the most common passwords."},
		{"common password upper-case refused", "Q1W2E3R4T5Y6U7I8", maria, RuleCommon, "Password is one of the most common passwords."},
		{"another common password", "PasswordStandard", maria, RuleCommon, "Password is one of the most common passwords."},
		{"common password with one word added refused", "1qaz2wsx3edc4rfv tulip", maria, RuleGuessable,
			"Password is built from common passwords. Add a few unrelated words."},
		{"common password in a longer passphrase accepted", "1qaz2wsx3edc4rfv tulip harbour kettle", maria, 0, ""},
		{"one character repeated refused", "aaaaaaaaaaaaaaaaaaaa", maria, RuleRepeated, "Password must not be a single character repeated."},
		{"one emoji repeated refused", strings.Repeat("🙂", 16), maria, RuleRepeated, "Password must not be a single character repeated."},
		{"whole email refused", "my maria.lopez@clinic.example pw", maria, RuleContainsEmail, "Password must not contain your email address."},
		{"email local part refused", "xxMARIA.LOPEZxx secure", maria, RuleContainsEmail, "Password must not contain your email address."},
		{"short local part allowed", "bob the builder can fix it", short, 0, ""},
		{"short whole email refused", "write to BO@X.IO please", short, RuleContainsEmail, "Password must not contain your email address."},
		{"full name refused", "hello maría lópez-núñez!", maria, RuleContainsName, "Password must not contain your name."},
		{"name part refused", "Núñez is my favourite name", maria, RuleContainsName, "Password must not contain your name."},
		{"name part case-insensitive", "the great MARÍA of spain", maria, RuleContainsName, "Password must not contain your name."},
		{"name part in NFD refused", "lo\u0301pez family holidays", maria, RuleContainsName, "Password must not contain your name."},
		{"name without spaces refused", "JoLi forever and ever", short, RuleContainsName, "Password must not contain your name."},
		{"short name parts allowed", "jo went to li's house", short, 0, ""},
		{"no user facts", pw(20), UserFacts{}, 0, ""},
		{"a group repeated refused", "passwordpassword", maria, RuleRepeated, "Password must not be the same few characters repeated."},
		{"a group repeated, cut short", "abc abc abc abc abc ab", maria, RuleRepeated, "Password must not be the same few characters repeated."},
		{"digits in sequence across 9 to 0 refused", "123456789012345", maria, RuleSequence, "Password must not be a sequence such as 12345 or abcde."},
		{"letters in sequence refused", "abcdefghijklmnop", maria, RuleSequence, "Password must not be a sequence such as 12345 or abcde."},
		{"descending sequence refused", "ZYXWVUTSRQPONMLK", maria, RuleSequence, "Password must not be a sequence such as 12345 or abcde."},
		{"demo password outside a demo refused", "clinicdesk-demo-password", maria, RuleDemo,
			"Password must not be the demo password: it is published, and allowed only in a demo clinic."},
		{"demo password in a demo accepted", "clinicdesk-demo-password", UserFacts{Demo: true}, 0, ""},
		{"clinic name refused", "Riverside Family Clinic", riverside, RuleContainsClinic, "Password must not contain the clinic's name."},
		{"clinic name without spaces refused", "riversidefamilyclinic!", riverside, RuleContainsClinic, "Password must not contain the clinic's name."},
		{"one word of the clinic's name allowed", "family lantern orbit plums", riverside, 0, ""},
		{"the clinic's name's words weigh in the estimate", "Riverside Clinic", riverside, RuleGuessable,
			"Password is built from your name, your email or the clinic's name. Add a few unrelated words."},
		{"common words refused", "iloveyoutoomuch", maria, RuleGuessable, "Password is built from common passwords. Add a few unrelated words."},
		{"keyboard rows refused", "qwertyuiopasdfgh", maria, RuleGuessable, "Password is built from common passwords. Add a few unrelated words."},
		{"password and digits refused", "password12345678", maria, RuleGuessable, "Password is built from common passwords. Add a few unrelated words."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassword(tt.password, tt.user)
			if tt.rule == 0 {
				if err != nil {
					t.Fatalf("CheckPassword(%q) = %v, want nil", tt.password, err)
				}
				return
			}
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("CheckPassword(%q) = %v, want *PolicyError", tt.password, err)
			}
			if !errors.Is(err, ErrWeakPassword) {
				t.Errorf("error does not wrap ErrWeakPassword")
			}
			if pe.Rule != tt.rule || err.Error() != tt.reason {
				t.Errorf("CheckPassword(%q) = rule %d %q, want rule %d %q", tt.password, pe.Rule, err.Error(), tt.rule, tt.reason)
			}
		})
	}
}

func TestPwHelper(t *testing.T) {
	t.Parallel()
	for _, n := range []int{14, 15, 64, 128, 129} {
		if got := utf8.RuneCountInString(pw(n)); got != n {
			t.Fatalf("pw(%d) has %d code points", n, got)
		}
	}
}

func TestCommonList(t *testing.T) {
	t.Parallel()
	set := commonPasswords()
	if len(set) < 10_000 {
		t.Fatalf("common list has %d entries, want at least 10,000", len(set))
	}
	for p := range set {
		if p != strings.ToLower(p) || strings.TrimSpace(p) != p || p == "" {
			t.Fatalf("list entry %q is not a trimmed lower-case password", p)
		}
	}
	for _, p := range []string{"123456", "password", "qwerty", "iloveyou"} {
		if !isCommon(p) {
			t.Errorf("%q is not on the list", p)
		}
	}
}

// The predictable long passwords an attacker tries first: each is refused, with a
// reason, and what refuses it is listed so a change of rule shows here.
func TestPredictableLongPasswordsAreRefused(t *testing.T) {
	riverside := UserFacts{Email: "grace.hopper@riverside.example", Name: "Grace Hopper", ClinicName: "Riverside Clinic"}
	for _, p := range []string{
		"123456789012345", "1234567890123456", "passwordpassword", "qwertyuiopasdfgh", "abcdefghijklmnop",
		"aaaaaaaaaaaaaaaa", "iloveyouiloveyou", "password12345678", "letmeinletmeinletmein",
		"qwertyqwertyqwerty", "000000000000000", "987654321098765", "1q2w3e4r5t6y7u8i",
		"clinicdesk-demo-password", "riverside clinic", "RiversideClinic2026", "riverside clinic 2026",
		"graceriverside2026", "grace.hopper@riverside.example", "Grace Hopper 1906!!",
		"summer2026summer2026", "january2026january", "changeme changeme", "welcome123456789",
	} {
		err := CheckPassword(p, riverside)
		var pe *PolicyError
		if !errors.As(err, &pe) || pe.Reason == "" {
			t.Errorf("%q accepted", p)
			continue
		}
		t.Logf("%-32q rule %d: %s", p, pe.Rule, pe.Reason)
	}
}
