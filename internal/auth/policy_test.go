package auth

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// pw returns a password of n code points that breaks no rule but length.
func pw(n int) string {
	const base = "Lantern orbit 7 plum harbor figs quietly "
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(base)
	}
	return b.String()[:n]
}

func TestCheckPassword(t *testing.T) {
	t.Parallel()
	maria := UserFacts{Email: "Maria.Lopez@Clinic.example", Name: "María  López-Núñez"}
	short := UserFacts{Email: "bo@x.io", Name: "Jo Li"}
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
		{"counted after NFC: 15 composed", strings.Repeat("cafe\u0301 ", 3), maria, 0, ""},
		{"counted after NFC: 14 composed", strings.TrimSpace(strings.Repeat("cafe\u0301 ", 3)), maria, RuleTooShort, "Password must be at least 15 characters (this one has 14)."},
		{"spaces and symbols allowed", "  ~!@#$%^&*()_+ ", maria, 0, ""},
		{"common password refused", "1qaz2wsx3edc4rfv", maria, RuleCommon, "Password is one of the most common passwords."},
		{"common password upper-case refused", "Q1W2E3R4T5Y6U7I8", maria, RuleCommon, "Password is one of the most common passwords."},
		{"another common password", "PasswordStandard", maria, RuleCommon, "Password is one of the most common passwords."},
		{"common password with more added accepted", "1qaz2wsx3edc4rfv tulip", maria, 0, ""},
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
