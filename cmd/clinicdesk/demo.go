package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"golang.org/x/term"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

const demoUsage = `usage: clinicdesk demo [--db PATH] [--size tiny|small|clinic|large|huge] [--seed N] [--no-open]

Builds a realistic demo clinic into a new database file, prints its accounts and their
shared password, then opens the desk on it. Run again on the same file, it opens that
demo clinic; it never writes into a real clinic's file.
`

// runDemo builds a demo clinic into a new database, prints its accounts, and opens the
// desk on it unless --no-open.
func runDemo(args []string, stdout io.Writer) error {
	fs := newFlags("clinicdesk demo", demoUsage, stdout)
	db := fs.String("db", "", "the database file to create the demo clinic in")
	sizeName := fs.String("size", "small", "how big: tiny, small, clinic, large or huge")
	seed := fs.Int64("seed", 1, "the seed: the same seed makes the same clinic")
	noOpen := fs.Bool("no-open", false, "only build the clinic; do not open the desk")
	if err := fs.Parse(args); err != nil {
		return err
	}
	size, err := gen.ParseSize(*sizeName)
	if err != nil {
		return err
	}
	// main gave this process no pool (pagePoolMiB): the size says which it wants, and
	// nothing has opened a database yet.
	if err := store.UsePagePool(demo.PagePoolMiB(size)); err != nil {
		return err
	}
	path, err := newDBPath(*db)
	if err != nil {
		return err
	}
	sum, err := buildDemo(path, size, *seed, stdout)
	if errors.Is(err, demo.ErrNotEmpty) {
		if !isDemoClinic(path) {
			return fmt.Errorf("%s already holds a clinic; build the demo into a new file with --db PATH", path)
		}
		// Running the README's first command again opens the demo it built before.
		fmt.Fprintf(stdout, "%s already holds a demo clinic: its login screen lists the accounts. "+
			"Build another with --db PATH.\n", textsafe.Line(path))
		if *noOpen {
			return nil
		}
		return openDemoDesk(path)
	}
	if err != nil {
		return err
	}
	printAccounts(stdout, path, sum)
	if *noOpen {
		return nil
	}
	return openDemoDesk(path)
}

// buildDemo opens the database and builds the demo, with a progress bar on a terminal
// and a line per stage otherwise.
func buildDemo(path string, size gen.Size, seed int64, stdout io.Writer) (demo.Summary, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := store.Open(ctx, path, storeOptions...)
	if err != nil {
		return demo.Summary{}, err
	}
	defer s.Close()
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return buildWithBar(ctx, cancel, s, size, seed, f)
	}
	last := ""
	return demo.Build(ctx, s, size, seed, func(_, _ int, stage string) {
		if stage != last {
			fmt.Fprintln(stdout, textsafe.Line(stage)+"…")
			last = stage
		}
	})
}

// printAccounts lists the demo's staff logins, one per line, and their shared password,
// then the patients' logins, each with its own password.
func printAccounts(w io.Writer, path string, sum demo.Summary) {
	fmt.Fprintf(w, "\nDemo clinic ready in %s (%d patients, %d appointments, %d prescriptions, built in %.1fs).\n\n",
		textsafe.Line(path), sum.Patients, sum.Appointments, sum.Prescriptions, sum.Elapsed.Seconds())
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ROLE\tNAME\tEMAIL")
	for _, a := range sum.Accounts {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", a.Role, textsafe.Line(a.FullName), textsafe.Line(a.Email))
	}
	tw.Flush()
	fmt.Fprintf(w, "\nEvery staff account's password: %s\n", sum.Password)
	if len(sum.PatientAccounts) > 0 {
		fmt.Fprintln(w, "\nPatients with an account of their own (each chooses a new password at first login):")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tEMAIL\tPASSWORD")
		for _, a := range sum.PatientAccounts {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", textsafe.Line(a.FullName), textsafe.Line(a.Email), textsafe.Line(a.Password))
		}
		tw.Flush()
	}
}

// isDemoClinic reports whether the file holds a demo clinic (one whose settings carry
// the demo password), as opposed to a real clinic's data.
func isDemoClinic(path string) bool {
	ctx := context.Background()
	s, err := store.Open(ctx, path, storeOptions...)
	if err != nil {
		return false
	}
	defer s.Close()
	password, _, err := s.DemoAccounts(ctx)
	return err == nil && password != ""
}
