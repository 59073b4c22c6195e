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

const eraseUsage = `usage: clinicdesk erase patient --code PAT000123 --reason "…" [--db PATH]

Erases the patient's identifying details: their name becomes a pseudonym, their date of
birth its year, and their phone, e-mail, address, emergency contact and portal login
are taken out of every table, the values of the audit trail, the search index, the
messages and the printouts; their visits, prescriptions, dispensing and payments stay
under the pseudonym. The file is then compacted so no old byte stays in it. The reason
(10 to 500 characters, not naming the patient) is kept with the erasure.

A patient with an appointment still to come, a prescription still to dispense or a bill
unpaid is refused, with what is open. Backups made before the erasure keep the details.

Exit status: 0 when erased, 1 when refused or failed, 2 for a command line that was not
understood.
`

func runErase(args []string, stdout, stderr io.Writer) error {
	if isHelp(args) {
		fmt.Fprint(stdout, eraseUsage)
		return flag.ErrHelp
	}
	if len(args) == 0 || args[0] != "patient" {
		return usagef(`erase needs what to erase: clinicdesk erase patient --code PAT… --reason "…"`)
	}
	fs := newFlags("clinicdesk erase patient", eraseUsage, stdout)
	db := fs.String("db", "", "the clinic database file")
	code := fs.String("code", "", "the patient's code, PAT and six digits")
	reason := fs.String("reason", "", "why the patient is erased (10 to 500 characters)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if strings.TrimSpace(*code) == "" || strings.TrimSpace(*reason) == "" {
		return usagef(`erase patient needs --code and --reason: clinicdesk erase patient --code PAT… --reason "…"`)
	}
	ctx := context.Background()
	s, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	actor := store.System("clinicdesk erase patient")
	id, err := s.PatientIDByCode(ctx, actor, *code)
	if err != nil {
		return err
	}
	e, err := s.ErasePatient(ctx, actor, id, *reason)
	if e.PatientID != 0 {
		printErasure(stdout, e)
	}
	return err
}

// printErasure says what one erasure did.
func printErasure(w io.Writer, e store.Erasure) {
	fmt.Fprintf(w, "%s erased: now %s; %s, %s and %s scrubbed\n", textsafe.Line(e.Code), textsafe.Line(e.Pseudonym),
		plural.N(e.AuditRows, "audit row", "audit rows"), plural.N(e.Messages, "message", "messages"),
		plural.N(e.Printouts, "printout", "printouts"))
	if !e.LogEmptied {
		fmt.Fprintln(w, "the write-ahead log is still held by a reader: it is emptied when the desks close")
	}
}
