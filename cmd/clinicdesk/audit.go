package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

const auditUsage = `usage: clinicdesk audit verify [--db PATH]

Checks the whole audit trail's hash chain and names the first row that breaks it.
`

func runAudit(args []string, stdout io.Writer) error {
	if isHelp(args) {
		fmt.Fprint(stdout, auditUsage)
		return flag.ErrHelp
	}
	if len(args) == 0 || args[0] != "verify" {
		return usagef("audit needs a sub-command: clinicdesk audit verify [--db PATH]")
	}
	fs := newFlags("clinicdesk audit verify", auditUsage, stdout)
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
