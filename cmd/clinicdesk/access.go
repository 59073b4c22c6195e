package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

const accessUsage = `usage: clinicdesk access log [--patient PAT000123] [--user EMAIL] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                             [--limit N] [--db PATH]

Prints the access log, newest first: who opened which patient's record (a chart, a
prescription, a printout, an export), when (the clinic's time), emergency access with
its reason, and refused attempts. --patient and --user narrow it to one patient or one
account, --from and --to to the clinic's dates (both included).

Exit status: 0 when printed, 1 when the log could not be read, 2 for a command line
that was not understood.
`

func runAccess(args []string, stdout io.Writer) error {
	if isHelp(args) {
		fmt.Fprint(stdout, accessUsage)
		return flag.ErrHelp
	}
	if len(args) == 0 || args[0] != "log" {
		return usagef("access needs 'log': clinicdesk access log [--patient CODE] [--user EMAIL]; 'clinicdesk access --help' shows the usage")
	}
	fs := newFlags("clinicdesk access log", accessUsage, stdout)
	db := fs.String("db", "", "the clinic database file")
	patient := fs.String("patient", "", "only accesses to this patient's record (PAT000123)")
	user := fs.String("user", "", "only accesses by this account (its email)")
	fromFlag := fs.String("from", "", "the first day, YYYY-MM-DD")
	toFlag := fs.String("to", "", "the last day, YYYY-MM-DD")
	limit := fs.Int("limit", 100, "at most this many rows (1 to 200)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *limit < 1 || *limit > store.AccessPageSize {
		return usagef("--limit must be 1 to %d", store.AccessPageSize)
	}
	days := map[string]time.Time{}
	for name, v := range map[string]string{"--from": *fromFlag, "--to": *toFlag} {
		if v == "" {
			continue
		}
		d, err := time.Parse("2006-01-02", v)
		if err != nil {
			return usagef("%s %q is not a date; write it as YYYY-MM-DD", name, textsafe.Line(v))
		}
		days[name] = d
	}
	ctx := context.Background()
	s, err := openStore(ctx, *db, os.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	actor := store.System("clinicdesk access log")
	set, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	loc := set.Location()
	var f store.AccessFilter
	if d, ok := days["--from"]; ok {
		f.From = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	}
	if d, ok := days["--to"]; ok {
		f.To = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc)
	}
	if *patient != "" {
		if f.PatientID, err = s.AccessPatientID(ctx, actor, *patient); err != nil {
			return err
		}
	}
	if *user != "" {
		if f.UserID, err = userIDByEmail(ctx, s, actor, *user); err != nil {
			return err
		}
	}
	rows, err := s.AccessLogPage(ctx, actor, f, 0, *limit)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tWHO\tROLE\tPATIENT\tWHAT\tREASON")
	for _, r := range rows {
		what := r.What
		if !r.Allowed {
			what = "REFUSED: " + what
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.At.In(loc).Format("2006-01-02 15:04:05"),
			textsafe.Line(r.Who()), r.UserRole, r.PatientCode, what, textsafe.Truncate(textsafe.Line(r.Reason), 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(rows) == 0 {
		fmt.Fprintln(stdout, "no access matches")
	}
	return nil
}

// userIDByEmail finds the account with exactly this email.
func userIDByEmail(ctx context.Context, s *store.Store, actor store.Actor, email string) (int64, error) {
	users, err := s.ListUsers(ctx, actor, email)
	if err != nil {
		return 0, err
	}
	for _, u := range users {
		if strings.EqualFold(u.Email, strings.TrimSpace(email)) {
			return u.ID, nil
		}
	}
	return 0, fmt.Errorf("no account has the email %s", textsafe.Line(email))
}
