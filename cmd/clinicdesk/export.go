package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/backup"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

const exportUsage = `usage: clinicdesk export patient --code PAT000123 --out FILE [--format json|text] [--db PATH]
                                 [--passphrase-file F | --recipient AGE_KEY ... | --plain]

Writes one patient's whole record into FILE, for the patient's request for their data:
demographics, account, consents, history, allergies, current medications, pregnancy,
vital signs, appointments, prescriptions with their lines, tests, sketches, overrides
and amendments, pharmacy fulfilments, payments, messages, emergency access, and the
access log of who opened the record. JSON (the default) follows the original design's
document shapes; text is a readable document. The README maps each key to its table.

The file holds the patient's medical record, so it is encrypted with age as a backup is:
to a passphrase (read from --passphrase-file, or typed twice on the terminal) or to age
public keys (--recipient age1…, repeatable). --plain writes it unencrypted. FILE must
not exist; it appears only once whole (0600). Every export is recorded in the sealed
access log: who exported whom, the format, and whether it was encrypted.

Exit status: 0 when written, 1 when not, 2 for a command line that was not understood.
`

func runExport(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if isHelp(args) {
		fmt.Fprint(stdout, exportUsage)
		return flag.ErrHelp
	}
	if len(args) == 0 || args[0] != "patient" {
		return usagef("export needs what to export first: clinicdesk export patient --code PAT000123 --out FILE; 'clinicdesk export --help' shows the usage")
	}
	fs := newFlags("clinicdesk export patient", exportUsage, stdout)
	code := fs.String("code", "", "the patient's code, such as PAT000123 (required)")
	out := fs.String("out", "", "the file to write (it must not exist)")
	format := fs.String("format", "json", "json or text")
	db := fs.String("db", "", "the clinic database file")
	seal := addSealFlags(fs, "export")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(*code) == "":
		return usagef("export patient needs --code, the patient's code such as PAT000123")
	case *out == "":
		return usagef("export patient needs --out FILE; 'clinicdesk export --help' shows the usage")
	case *format != string(store.ExportJSON) && *format != string(store.ExportText):
		return usagef("--format %q is not json or text", textsafe.Line(*format))
	}
	if err := seal.check(); err != nil {
		return err
	}
	if _, err := os.Lstat(*out); err == nil {
		return fmt.Errorf("%s already exists; choose a new name for the export", *out)
	}
	key, err := seal.options(stdin, stderr)
	if errors.Is(err, errNoPassphrase) {
		err = errors.New("no passphrase: give --passphrase-file or --recipient, run on a terminal to type it, or write it unencrypted with --plain")
	}
	if err != nil {
		return err
	}
	plain, recipients := seal.plain, seal.recipients
	ctx := context.Background()
	s, err := openStore(ctx, *db, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	where, err := filepath.Abs(*out)
	if err != nil {
		where = *out
	}
	doc, err := s.ExportPatient(ctx, store.System("clinicdesk export"), store.ExportRequest{Code: *code,
		Format: store.ExportFormat(*format), Encrypted: !*plain, Where: "the file " + where})
	if err != nil {
		return err
	}
	body := []byte(doc.Text())
	if *format == string(store.ExportJSON) {
		if body, err = doc.JSON(); err != nil {
			return err
		}
	}
	size, sum, err := backup.WriteNew(*out, "export", func(w io.Writer) error { return writeSealed(w, key, body) }, nil)
	if err != nil {
		return err
	}
	how := "UNENCRYPTED (--plain)"
	switch {
	case len(recipients) > 0:
		how = fmt.Sprintf("encrypted with age to %d recipient(s)", len(recipients))
	case !*plain:
		how = "encrypted with age to the passphrase"
	}
	fmt.Fprintf(stdout, "exported %s as %s, %s: %s\n", doc.PatientCode, *format, how, textsafe.Line(*out))
	fmt.Fprintf(stdout, "  size    %s (%d bytes)\n  sha256  %s\n", humanBytes(size), size, sum)
	fmt.Fprintln(stdout, "  the export is recorded in the access log")
	return nil
}

// writeSealed writes body into w, encrypted with age unless key says plain.
func writeSealed(w io.Writer, key backup.Options, body []byte) error {
	if key.Plain {
		_, err := w.Write(body)
		return err
	}
	enc, err := backup.Encrypt(w, key)
	if err != nil {
		return err
	}
	if _, err := enc.Write(body); err != nil {
		return err
	}
	return enc.Close()
}
