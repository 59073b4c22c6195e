package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

const auditUsage = `usage: clinicdesk audit verify [--db PATH]

Checks the whole audit trail and the access log, and lists every problem it finds,
each with its row ("access row N" for the access log):
  edited        a sealed row's content was changed
  inserted      a row whose seal was not made with the clinic's audit key
  deleted       sealed rows are missing
  unsealed      a row written outside ClinicDesk (the sqlite3 shell)
  truncated     rows the witness saw sealed are gone from the end of the trail
  rolled back   the row at an id the witness saw is another row (an older copy)
  schema drift  a table, index, view or trigger differs from ClinicDesk's schema
  key, witness  the audit key or witness beside the database is missing or damaged
The first 100 row problems are listed, the rest counted.

Exit status: 0 when the trail is intact, 1 when problems were found (or the check
could not run), 2 for a command line that was not understood.
`

// errAuditProblems is verify's failure once it has listed the problems on stdout.
type errAuditProblems struct{ n int }

func (e errAuditProblems) Error() string {
	return fmt.Sprintf("the audit trail has %d problem(s), listed above", e.n)
}

func runAudit(args []string, stdout, stderr io.Writer) error {
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
	s, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	report, err := s.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if report.Intact() {
		fmt.Fprintf(stdout, "audit trail intact: %d rows checked, and %d access log rows\n", report.Checked, report.Accesses)
		return nil
	}
	for _, p := range report.Problems {
		fmt.Fprintln(stdout, textsafe.Line(p.String()))
	}
	if report.Unlisted > 0 {
		fmt.Fprintf(stdout, "… and %d more row problems\n", report.Unlisted)
	}
	fmt.Fprintf(stdout, "%d rows checked (last row %d), and %d access log rows\n", report.Checked, report.LastID, report.Accesses)
	return errAuditProblems{len(report.Problems) + report.Unlisted}
}
