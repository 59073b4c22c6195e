package main

import (
	"context"
	"fmt"
	"io"
)

func runAudit(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return fmt.Errorf("usage: clinicdesk audit verify [--db PATH]")
	}
	fs := newFlags("audit verify", stderr)
	db := fs.String("db", "", "the clinic database file")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	ctx := context.Background()
	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	report, err := s.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if !report.Intact() {
		return fmt.Errorf("audit trail broken at row %d of %d checked: %s", report.BadRow, report.Checked, report.Problem)
	}
	fmt.Fprintf(stdout, "audit trail intact: %d rows checked\n", report.Checked)
	return nil
}
