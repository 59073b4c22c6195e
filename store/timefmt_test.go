package store

import (
	"testing"
	"time"
)

// FuzzParseTime: the hand-written reader agrees with time.Parse on every instant written
// in the stored layout, and reads nothing time.Parse would refuse.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-11-24T04:30:00Z", "2024-02-29T23:59:59Z", "2025-02-29T10:00:00Z",
		"2026-13-01T00:00:00Z", "2026-11-24 04:30:00Z", "2026-11-24T04:30:00+", "", "0000-01-01T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := parseTime(s)
		want, err := time.Parse(timeLayout, s)
		if err == nil && want.Format(timeLayout) == s {
			if !got.Equal(want) || got.Location() != time.UTC {
				t.Fatalf("parseTime(%q) = %v, want %v", s, got, want)
			}
			return
		}
		if !got.IsZero() {
			t.Fatalf("parseTime(%q) = %v; time.Parse refuses it (%v)", s, got, err)
		}
	})
}
