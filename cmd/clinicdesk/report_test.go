package main

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

func TestReportPrintsATableOrCSVAndRefusesWhatItDoesNotKnow(t *testing.T) {
	t.Parallel()
	db := newClinicDB(t)
	out, _, err := clinic(t, db, "", "report", "takings-by-method", "--from", "2026-01-01", "--to", "2026-01-31")
	if err != nil || !strings.Contains(out, "Takings by method") || !strings.Contains(out, "Thu 1 Jan 2026 – Sat 31 Jan 2026") ||
		!strings.Contains(out, "Total") || !strings.Contains(out, "USD 0.00") {
		t.Fatalf("report: %q %v", out, err)
	}
	out, _, err = clinic(t, db, "", "report", "takings-by-method", "--from", "2026-01-01", "--to", "2026-01-31", "--csv")
	if err != nil || !strings.HasPrefix(out, "Method,Front desk,Pharmacy,Refunds,Net\n") ||
		!strings.Contains(out, "Total,0.00,0.00,0.00,0.00\n") {
		t.Fatalf("CSV: %q %v", out, err)
	}
	for _, args := range [][]string{
		{"report", "takings", "--from", "2026-01-01", "--to", "2026-01-31"},
		{"report", "takings-by-day", "--from", "1 Jan", "--to", "2026-01-31"},
		{"report", "takings-by-day", "--to", "2026-01-31"},
		{"report", "--from", "2026-01-01"},
		{"report", "takings-by-day", "--from", "2026-01-01", "--to", "2026-01-31", "--pdf"},
	} {
		if _, _, err := clinic(t, db, "", args...); !errors.As(err, new(usageError)) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	if _, _, err := clinic(t, db, "", "report", "takings-by-day", "--from", "2026-02-01", "--to", "2026-01-01"); err == nil ||
		errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "before the first") {
		t.Errorf("dates the wrong way round: %v", err)
	}
	out, _, err = clinic(t, db, "", "report", "--help")
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(out, "stock-valuation") || !strings.Contains(out, "days-of-supply") {
		t.Errorf("help: %q %v", out, err)
	}
}
