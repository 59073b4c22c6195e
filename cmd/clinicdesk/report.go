package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
)

var reportUsage = `usage: clinicdesk report NAME --from YYYY-MM-DD --to YYYY-MM-DD [--csv] [--db PATH]

Prints one of the clinic's reports over the clinic's dates FROM to TO (both included):
a table with its total and, where a picture reads better, a bar chart; with --csv, the
table as CSV (money in major units, for a spreadsheet).

Reports:
` + reportList() + `
Exit status: 0 when printed, 1 when the report could not be made, 2 for a command line
that was not understood.
`

func reportList() string {
	var b strings.Builder
	for _, r := range store.Reports(store.RoleAdmin) {
		fmt.Fprintf(&b, "  %-18s %s\n", r.Name, r.About)
	}
	return b.String()
}

func runReport(args []string, stdout io.Writer) error {
	if isHelp(args) {
		fmt.Fprint(stdout, reportUsage)
		return flag.ErrHelp
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return usagef("report needs the report's name first: clinicdesk report NAME --from DATE --to DATE; 'clinicdesk report --help' lists them")
	}
	name := args[0]
	fs := newFlags("clinicdesk report", reportUsage, stdout)
	db := fs.String("db", "", "the clinic database file")
	fromFlag := fs.String("from", "", "the first day, YYYY-MM-DD")
	toFlag := fs.String("to", "", "the last day, YYYY-MM-DD")
	asCSV := fs.Bool("csv", false, "print the table as CSV")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	known := false
	for _, n := range store.ReportNames() {
		known = known || n == name
	}
	if !known {
		return usagef("there is no report named %q; 'clinicdesk report --help' lists them", name)
	}
	from, err := reportDate("--from", *fromFlag)
	if err != nil {
		return err
	}
	to, err := reportDate("--to", *toFlag)
	if err != nil {
		return err
	}
	ctx := context.Background()
	s, err := openStore(ctx, *db, os.Stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := s.Report(ctx, store.System("clinicdesk report"), name, from, to)
	if err != nil {
		return err
	}
	if *asCSV {
		return r.WriteCSV(stdout)
	}
	_, err = fmt.Fprint(stdout, r.Text(100))
	return err
}

// reportDate reads a date flag as the clinic's date.
func reportDate(flagName, value string) (time.Time, error) {
	if value == "" {
		return time.Time{}, usagef("%s is required: the date as YYYY-MM-DD", flagName)
	}
	d, err := time.Parse("2006-01-02", value)
	if err != nil {
		return time.Time{}, usagef("%s %q is not a date; write it as YYYY-MM-DD", flagName, value)
	}
	return d, nil
}
