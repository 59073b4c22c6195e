package store

import (
	"context"
	"strings"
	"testing"
)

func TestStoredSealIsTheBytesOfAKeyedSealOnly(t *testing.T) {
	t.Parallel()
	keyed := macPrefix + strings.Repeat("0a", 32)
	if b, ok := storedSeal(keyed).([]byte); !ok || len(b) != 32 || b[0] != 0x0a {
		t.Fatalf("a keyed seal is stored as %#v", storedSeal(keyed))
	}
	for _, text := range []string{"", strings.Repeat("ab", 32), macPrefix + strings.Repeat("zz", 32), macPrefix + "0a"} {
		if got := storedSeal(text); got != text {
			t.Errorf("%q is stored as %#v, want its text", text, got)
		}
	}
}

// Every keyed seal the store makes is stored as its 32 bytes, in both chains, and reads
// back as its text, in the chain (which verifies) and in audit_trail.
func TestKeyedSealsAreStoredAsTheirBytes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinicFile(t)
	if _, err := c.s.OpenAuditValues(ctx, c.admin.Actor(), c.lastID(t), "Checking the currency change"); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"audit_log", "access_log"} {
		var rows, asBytes, linked int
		if err := c.raw.QueryRow(`SELECT count(*), count(*) FILTER (WHERE typeof(hash) = 'blob' AND length(hash) = 32),
			count(*) FILTER (WHERE typeof(prev_hash) = 'blob' AND length(prev_hash) = 32) FROM `+table+` WHERE hash IS NOT NULL`).
			Scan(&rows, &asBytes, &linked); err != nil {
			t.Fatal(err)
		}
		// The first sealed row links to nothing, "".
		if rows == 0 || asBytes != rows || linked != rows-1 {
			t.Errorf("%s: %d sealed rows, %d seals and %d links stored as 32 bytes", table, rows, asBytes, linked)
		}
	}
	var head, shown string
	if err := c.raw.QueryRow(`SELECT `+SealText("hash")+`, (SELECT hash FROM audit_trail ORDER BY id DESC LIMIT 1)
		FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&head, &shown); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(head, macPrefix) || len(head) != 67 || shown != head {
		t.Fatalf("the last seal reads as %q, audit_trail shows %q", head, shown)
	}
	if report, err := c.s.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Fatalf("verify: %+v, %v", report, err)
	}
}

// A file whose seals were stored as text before version 21 goes on chaining in bytes:
// its first new seal links to the last text one, and the whole chain verifies.
func TestAChainSealedAsTextGoesOnInBytes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := copyFixture(t, "v20.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var admin Actor
	if err := s.readers.QueryRow(`SELECT id, full_name FROM users WHERE role = 'admin' AND active ORDER BY id LIMIT 1`).
		Scan(&admin.ID, &admin.Name); err != nil {
		t.Fatal(err)
	}
	admin.Role = RoleAdmin
	var lastText string
	if err := s.readers.QueryRow(`SELECT hash FROM audit_log WHERE typeof(hash) = 'text' ORDER BY id DESC LIMIT 1`).Scan(&lastText); err != nil {
		t.Fatal(err)
	}
	if err := s.PutSetting(ctx, admin, SettingCurrency, "USD"); err != nil {
		t.Fatal(err)
	}
	var firstBytes, link string
	if err := s.readers.QueryRow(`SELECT typeof(hash), `+SealText("prev_hash")+` FROM audit_log
		WHERE id = (SELECT min(id) FROM audit_log WHERE typeof(hash) = 'blob')`).Scan(&firstBytes, &link); err != nil {
		t.Fatal(err)
	}
	if firstBytes != "blob" || link != lastText {
		t.Fatalf("the first seal stored as bytes (%s) links to %q, want the last text seal %q", firstBytes, link, lastText)
	}
	if report, err := s.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Fatalf("verify: %+v, %v", report, err)
	}
}
