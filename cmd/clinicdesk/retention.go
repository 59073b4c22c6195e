package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

const retentionUsage = `usage: clinicdesk retention list [--db PATH]
       clinicdesk retention apply --reason "…" [--dry-run] [--db PATH]

list prints the patients whose last visit (or registration, when they never came) is
older than the clinic's retention period (the retention_years setting, 10 years when not
set), each with what stops their erasure now: an appointment to come, a prescription to
dispense, a bill unpaid.

apply erases every listed patient with nothing open, as 'clinicdesk erase patient'
does, in one change with the reason (10 to 500 characters, e.g. "Yearly retention review
2026"); with --dry-run it only says whom it would erase.

Exit status: 0 when done, 1 when it failed, 2 for a command line that was not
understood.
`

func runRetention(args []string, stdout, stderr io.Writer) error {
	if isHelp(args) {
		fmt.Fprint(stdout, retentionUsage)
		return flag.ErrHelp
	}
	if len(args) == 0 || args[0] != "list" && args[0] != "apply" {
		return usagef(`retention needs a sub-command: clinicdesk retention list, or clinicdesk retention apply --reason "…" [--dry-run]`)
	}
	apply := args[0] == "apply"
	fs := newFlags("clinicdesk retention "+args[0], retentionUsage, stdout)
	db := fs.String("db", "", "the clinic database file")
	var reason *string
	var dryRun *bool
	if apply {
		reason = fs.String("reason", "", "why the patients are erased (10 to 500 characters)")
		dryRun = fs.Bool("dry-run", false, "only say whom apply would erase")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if apply && !*dryRun && strings.TrimSpace(*reason) == "" {
		return usagef(`retention apply needs --reason "…" (or --dry-run)`)
	}
	ctx := context.Background()
	s, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	actor := store.System("clinicdesk retention " + args[0])
	report, err := s.RetentionDue(ctx, actor)
	if err != nil {
		return err
	}
	ready := report.Ready()
	fmt.Fprintf(stdout, "%s last seen before %s (retention %s); %d with nothing open\n",
		plural.S(len(report.Patients), "patient"), report.Cutoff.Format("2 Jan 2006"),
		plural.S(report.Years, "year"), len(ready))
	for _, p := range report.Patients {
		seen := "registered " + p.Registered.Format("2 Jan 2006")
		if !p.LastVisit.IsZero() {
			seen = "last visit " + p.LastVisit.Format("2 Jan 2006")
		}
		line := fmt.Sprintf("  %s  %-30s  %s", p.Code, textsafe.Truncate(textsafe.Line(p.Name), 30), seen)
		if !p.Allowed() {
			line += "  kept: " + strings.Join(p.Blockers, " ")
		}
		fmt.Fprintln(stdout, textsafe.Line(line))
	}
	if !apply || *dryRun || len(ready) == 0 {
		return nil
	}
	done, err := s.ApplyRetention(ctx, actor, ready, *reason)
	for _, e := range done {
		printErasure(stdout, e)
	}
	return err
}
