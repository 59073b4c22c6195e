// Command clinicdesk is the clinic desk: the terminal app, its SSH server, and the
// commands that set it up and keep it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	_ "time/tzdata" // the clinic's time zone must resolve on a machine without zoneinfo

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `ClinicDesk — a terminal clinic desk over one SQLite file.

Usage:
  clinicdesk [--db PATH]                       open the desk on this terminal
  clinicdesk demo [--db PATH] [--size tiny|small|clinic|large|huge] [--seed N] [--no-open]
                                               build a demo clinic, then open it
  clinicdesk user add --role R --email E --name "Full Name" [--db PATH]
                                               create an account (password from the
                                               terminal, or from stdin when piped)
  clinicdesk user list [--search TEXT]         list accounts
  clinicdesk user disable|enable --email E     deactivate (ends open sessions) or reactivate
  clinicdesk user passwd --email E             reset a password; it must be changed at login
  clinicdesk user key-add --email E --key "ssh-ed25519 AAAA… comment"
                                               let the account log in over SSH with a key
  clinicdesk audit verify [--db PATH]          check the audit trail's hash chain
  clinicdesk backup --out FILE [--db PATH] [--passphrase-file F | --recipient AGE_KEY …] [--plain]
                                               back up while desks keep working, verified
                                               and encrypted with age
  clinicdesk backup verify --in FILE [--passphrase-file F | --identity FILE]
                                               decrypt and check a backup
  clinicdesk restore --in FILE --db PATH [--passphrase-file F | --identity FILE]
                                               replace PATH by a verified backup (the old
                                               file is kept beside it)
  clinicdesk serve [--db PATH] [--listen 127.0.0.1:2222] [--max-sessions 64]
                   [--idle 30m] [--grace 1m]   serve the desk over SSH
  clinicdesk report NAME --from YYYY-MM-DD --to YYYY-MM-DD [--csv] [--db PATH]
                                               print a report (takings, appointments,
                                               refunds, stock); --help lists them
  clinicdesk export patient --code PAT000123 --out FILE [--format json|text]
                   [--passphrase-file F | --recipient AGE_KEY … | --plain]
                                               write a patient's whole record, encrypted
  clinicdesk access log [--patient PAT000123] [--user EMAIL] [--from DATE] [--to DATE]
                                               who opened which patient's record
  clinicdesk erase patient --code PAT… --reason "…" [--db PATH]
                                               erase a patient's identifying details
  clinicdesk retention list|apply [--reason "…"] [--dry-run] [--db PATH]
                                               the patients past the retention period;
                                               apply erases them
  clinicdesk version                           print the version
  clinicdesk help                              this text

Every command takes -h or --help for its own usage.
The database is $CLINICDESK_DB when set, else $XDG_DATA_HOME/clinicdesk/clinic.db.
`

func main() {
	args := os.Args[1:]
	if err := store.UsePagePool(pagePoolMiB(args)); err != nil {
		os.Exit(exitCode(err, os.Stderr))
	}
	os.Exit(exitCode(run(args, os.Stdin, os.Stdout, os.Stderr), os.Stderr))
}

// exitCode reports err on stderr in one sentence and gives the process's exit status:
// 0 for success and for help asked for, 2 for a command line that was not understood,
// 1 for a command that failed.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	// An error may quote a name or a path from the database or the command line.
	fmt.Fprintln(stderr, "clinicdesk: "+textsafe.Line(err.Error()))
	if errors.As(err, new(usageError)) {
		return 2
	}
	return 1
}

// run dispatches a command line; it is main without the process around it, for tests.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || len(args[0]) > 0 && args[0][0] == '-' {
		return runDesk(args, stdout)
	}
	switch args[0] {
	case "demo":
		return runDemo(args[1:], stdout)
	case "user":
		return runUser(args[1:], stdin, stdout, stderr)
	case "audit":
		return runAudit(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "backup":
		return runBackup(args[1:], stdin, stdout, stderr)
	case "restore":
		return runRestore(args[1:], stdin, stdout, stderr)
	case "report":
		return runReport(args[1:], stdout)
	case "export":
		return runExport(args[1:], stdin, stdout, stderr)
	case "access":
		return runAccess(args[1:], stdout)
	case "erase":
		return runErase(args[1:], stdout, stderr)
	case "retention":
		return runRetention(args[1:], stdout, stderr)
	case "version":
		if err := newFlags("clinicdesk version", "usage: clinicdesk version\n\nPrints the version of this build.\n", stdout).Parse(args[1:]); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "clinicdesk", version)
		return nil
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usagef("unknown command %q; run 'clinicdesk help' for the list", args[0])
}
