package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"
	"golang.org/x/term"

	"github.com/clinicdesk/clinicdesk/internal/backup"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

const backupUsage = `usage: clinicdesk backup --out FILE [--db PATH] [--passphrase-file F | --recipient AGE_KEY ...] [--plain]
       clinicdesk backup verify --in FILE [--passphrase-file F | --identity FILE]

backup copies the clinic database while desks and serve keep writing: a consistent
snapshot, checked (SQLite's integrity and foreign key checks, and the audit trail
with its key), then archived with the audit key and witness and encrypted with age
into FILE. FILE appears only once it is whole and synced. It prints the size, the
numbers of patients and appointments, the audit trail's last row and seal, and the
file's SHA-256.

The backup is encrypted to a passphrase (read from --passphrase-file, or typed twice
on the terminal), or to age public keys (--recipient age1…, repeatable; restore
with the matching identity file). --plain writes it unencrypted: it then holds
every patient's record and the audit key in the clear.

backup verify decrypts a backup and checks it as above without restoring it.

Exit status: 0 when the backup was written (or verifies), 1 when it was not (or does
not), 2 for a command line that was not understood.
`

const restoreUsage = `usage: clinicdesk restore --in FILE --db PATH [--passphrase-file F | --identity FILE]
       clinicdesk restore --replica DIR [--at "2026-12-01 14:05"] --db PATH

Decrypts the backup FILE, checks it (SQLite's integrity and foreign key checks, the
audit trail with its key) and its schema (an older one is upgraded, a newer one
refused), then replaces PATH with it, with its audit key and witness. The file it
replaces is kept beside it as PATH.before-restore-YYYYMMDD-HHMMSS, with its key and
witness.

It refuses while a desk or serve has PATH open, and names them. A wrong passphrase,
a damaged or cut backup, or a file that is not a ClinicDesk backup leaves PATH as it
was.

With --replica, restores the state at --at (this machine's local time, or RFC 3339
with a zone; the newest state when not given) from the continuous replica that
'serve --replica DIR' keeps, and checks it and keeps the old file as above.

Exit status: 0 when restored, 1 when not, 2 for a command line that was not understood.
`

// listFlag is a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runBackup(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "help" {
		args = []string{"--help"}
	}
	if len(args) > 0 && args[0] == "verify" {
		return runBackupVerify(args[1:], stdin, stdout, stderr)
	}
	fs := newFlags("clinicdesk backup", backupUsage, stdout)
	out := fs.String("out", "", "the backup file to write (it must not exist)")
	db := fs.String("db", "", "the clinic database file")
	seal := addSealFlags(fs, "backup")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("backup needs --out FILE; 'clinicdesk backup --help' shows the usage")
	}
	if err := seal.check(); err != nil {
		return err
	}
	path, err := existingDBPath(*db)
	if err != nil {
		return err
	}
	o, err := seal.options(stdin, stderr)
	if err != nil {
		return err
	}
	o.Step = func(step string) { fmt.Fprintln(stderr, stepLine[step]) }
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar := progressBar{w: stderr}
		o.Step, o.Progress = bar.step, bar.progress
	}
	plain, recipients := seal.plain, seal.recipients
	start := time.Now().UTC()
	sum, err := backup.Create(context.Background(), path, *out, o)
	if o.Progress != nil {
		fmt.Fprintln(stderr) // end the bar's line before the report or the error
	}
	recordRun(path, *out, start, sum, err, stderr)
	if err != nil {
		return err
	}
	switch {
	case *plain:
		fmt.Fprintf(stdout, "backup written UNENCRYPTED (--plain): %s\n", textsafe.Line(*out))
	case len(recipients) > 0:
		fmt.Fprintf(stdout, "backup written, encrypted with age to %d recipient(s): %s\n", len(recipients), textsafe.Line(*out))
	default:
		fmt.Fprintf(stdout, "backup written, encrypted with age to the passphrase: %s\n", textsafe.Line(*out))
	}
	printSummary(stdout, sum)
	return nil
}

// sealFlags say how a file that holds patients' records is encrypted with age: to a
// passphrase, to age recipients, or not at all (--plain); backup and export take them.
type sealFlags struct {
	what       string // "backup", "export": the file, in messages
	passFile   *string
	recipients listFlag
	plain      *bool
}

func addSealFlags(fs *flagSet, what string) *sealFlags {
	f := &sealFlags{what: what}
	f.passFile = fs.String("passphrase-file", "", "a file holding the passphrase (its first line)")
	fs.Var(&f.recipients, "recipient", "an age public key (age1…) to encrypt to; repeatable")
	f.plain = fs.Bool("plain", false, "write the "+what+" unencrypted")
	return f
}

// check refuses a combination of the flags that says two things.
func (f *sealFlags) check() error {
	if *f.plain && (*f.passFile != "" || len(f.recipients) > 0) {
		return usagef("--plain writes an unencrypted %s; it takes no --passphrase-file or --recipient", f.what)
	}
	if *f.passFile != "" && len(f.recipients) > 0 {
		return usagef("give --passphrase-file or --recipient, not both")
	}
	return nil
}

// options reads the key the flags name: the recipients, the passphrase file, or, with
// neither and no --plain, a passphrase typed twice on the terminal.
func (f *sealFlags) options(stdin io.Reader, stderr io.Writer) (backup.Options, error) {
	o := backup.Options{Plain: *f.plain, WorkFactor: scryptWorkFactor}
	var err error
	if o.Recipients, err = parseRecipients(f.recipients, "--recipient"); err != nil {
		return o, err
	}
	switch {
	case *f.passFile != "":
		o.Passphrase, err = readPassphraseFile(*f.passFile)
	case !*f.plain && len(f.recipients) == 0:
		o.Passphrase, err = askPassphrase(stdin, stderr, strings.ToUpper(f.what[:1])+f.what[1:], true)
	}
	return o, err
}

// parseRecipients parses age public keys given with flag.
func parseRecipients(keys []string, flag string) ([]age.Recipient, error) {
	var out []age.Recipient
	for _, r := range keys {
		parsed, err := age.ParseRecipients(strings.NewReader(r))
		if err != nil || len(parsed) != 1 {
			return nil, fmt.Errorf("%s %q is not an age public key (age1…)", flag, textsafe.Line(r))
		}
		out = append(out, parsed[0])
	}
	return out, nil
}

// scryptWorkFactor is the passphrase's scrypt cost for a backup: 0 in production (age's
// default); the tests lower it (TestMain).
var scryptWorkFactor int

var stepLine = map[string]string{
	"snapshot": "backup: taking a snapshot of the database…",
	"verify":   "backup: checking the snapshot (integrity, foreign keys, audit trail)…",
	"write":    "backup: writing the archive…",
}

// progressBar shows the backup's steps on one terminal line, with a bar for the write.
type progressBar struct {
	w    io.Writer
	line string
}

func (b *progressBar) step(step string) {
	b.line = stepLine[step]
	fmt.Fprint(b.w, "\r\x1b[K"+b.line)
}

func (b *progressBar) progress(done, total int64) {
	const width = 30
	filled := 0
	if total > 0 {
		filled = int(done * width / total)
	}
	fmt.Fprintf(b.w, "\r\x1b[K%s [%s%s] %3d%%", strings.TrimSuffix(b.line, "…"),
		strings.Repeat("#", filled), strings.Repeat("-", width-filled), filled*100/width)
}

func runBackupVerify(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("clinicdesk backup verify", backupUsage, stdout)
	in, keys, err := readFlags(fs, args, stdin, stderr)
	if err != nil {
		return err
	}
	sum, err := backup.Verify(context.Background(), in, keys)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	fmt.Fprintf(stdout, "backup verifies: %s (%s)\n", textsafe.Line(in), encryptedWord(sum.Encrypted))
	printSummary(stdout, sum)
	return nil
}

func runRestore(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("clinicdesk restore", restoreUsage, stdout)
	db := fs.String("db", "", "the clinic database file to replace (required)")
	if slices.ContainsFunc(args, func(a string) bool {
		return a == "--replica" || a == "-replica" || strings.HasPrefix(a, "--replica=") || strings.HasPrefix(a, "-replica=")
	}) {
		return runRestoreReplica(fs, db, args, stdout)
	}
	in, keys, err := readFlags(fs, args, stdin, stderr)
	if err != nil {
		return err
	}
	if *db == "" {
		return usagef("restore needs --db PATH, the database to replace; 'clinicdesk restore --help' shows the usage")
	}
	res, err := backup.Restore(context.Background(), in, *db, keys)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", textsafe.Line(in), textsafe.Line(*db))
	if res.UpgradedFrom != 0 {
		fmt.Fprintf(stdout, "  upgraded from schema version %d to %d\n", res.UpgradedFrom, store.SchemaVersion())
	}
	if res.Kept != "" {
		fmt.Fprintf(stdout, "  the file it replaced is kept as %s (with its .audit-key and .audit-witness)\n", textsafe.Line(res.Kept))
	}
	printSummary(stdout, res.Summary)
	return nil
}

// runRestoreReplica is restore --replica DIR [--at TIME] --db PATH.
func runRestoreReplica(fs *flagSet, db *string, args []string, stdout io.Writer) error {
	dir := fs.String("replica", "", "the replica's directory")
	atText := fs.String("at", "", "the moment to restore")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" {
		return usagef("restore needs --db PATH, the database to replace; 'clinicdesk restore --help' shows the usage")
	}
	var at time.Time
	if *atText != "" {
		var err error
		if at, err = parseMoment(*atText); err != nil {
			return usagef("%s", err.Error())
		}
	}
	res, err := backup.RestoreReplica(context.Background(), *dir, at, *db)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s as of %s from the replica %s\n", textsafe.Line(*db),
		res.At.Local().Format("2006-01-02 15:04:05 MST"), textsafe.Line(*dir))
	if res.UpgradedFrom != 0 {
		fmt.Fprintf(stdout, "  upgraded from schema version %d to %d\n", res.UpgradedFrom, store.SchemaVersion())
	}
	if res.Kept != "" {
		fmt.Fprintf(stdout, "  the file it replaced is kept as %s (with its .audit-key and .audit-witness)\n", textsafe.Line(res.Kept))
	}
	printSummary(stdout, res.Summary)
	return nil
}

// parseMoment reads --at: "2026-12-01 14:05" (or with seconds) in this machine's time
// zone, or RFC 3339.
func parseMoment(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--at %q is not a moment like \"2026-12-01 14:05\"", textsafe.Line(s))
}

// readFlags parses --in and the key flags of verify and restore, and reads the key.
func readFlags(fs *flagSet, args []string, stdin io.Reader, stderr io.Writer) (string, backup.Keys, error) {
	var keys backup.Keys
	in := fs.String("in", "", "the backup file")
	passFile := fs.String("passphrase-file", "", "a file holding the passphrase (its first line)")
	identity := fs.String("identity", "", "an age identity file (AGE-SECRET-KEY-1…) for a backup made with --recipient")
	if err := fs.Parse(args); err != nil {
		return "", keys, err
	}
	if *in == "" {
		return "", keys, usagef("%s needs --in FILE; '%s --help' shows the usage", fs.command, fs.command)
	}
	if *passFile != "" && *identity != "" {
		return "", keys, usagef("give --passphrase-file or --identity, not both")
	}
	var err error
	switch {
	case *passFile != "":
		keys.Passphrase, err = readPassphraseFile(*passFile)
	case *identity != "":
		keys.Identities, err = readIdentities(*identity)
	case isAgeFile(*in):
		keys.Passphrase, err = askPassphrase(stdin, stderr, "Backup", false)
	}
	return *in, keys, err
}

// isAgeFile says whether path starts as an age file does; a plain backup needs no key.
func isAgeFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 21)
	n, _ := io.ReadFull(f, head)
	return bytes.Equal(head[:n], []byte("age-encryption.org/v1"))
}

func readPassphraseFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the passphrase file: %w", err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("the passphrase file %s can be read by others (mode %04o): chmod 600 it", path, info.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the passphrase file: %w", err)
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 0 {
		return nil, fmt.Errorf("the passphrase file %s is empty", path)
	}
	return line, nil
}

func readIdentities(path string) ([]age.Identity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the identity file: %w", err)
	}
	defer f.Close()
	ids, err := age.ParseIdentities(f)
	if err != nil {
		return nil, fmt.Errorf("%s is not an age identity file", path)
	}
	return ids, nil
}

var errNoPassphrase = errors.New("no passphrase: give --passphrase-file (or --recipient / --identity), or run on a terminal to type it")

// askPassphrase reads the passphrase of what ("Backup", "Export") on the terminal
// without echo, twice when it is a new one; it refuses when stdin is not a terminal.
func askPassphrase(stdin io.Reader, stderr io.Writer, what string, twice bool) ([]byte, error) {
	f, ok := stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, errNoPassphrase
	}
	fmt.Fprint(stderr, what+" passphrase: ")
	first, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(stderr)
	if err != nil {
		return nil, fmt.Errorf("read the passphrase: %w", err)
	}
	if len(first) == 0 {
		return nil, errors.New("the passphrase is empty")
	}
	if !twice {
		return first, nil
	}
	fmt.Fprint(stderr, what+" passphrase again: ")
	second, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(stderr)
	if err != nil {
		return nil, fmt.Errorf("read the passphrase: %w", err)
	}
	if !bytes.Equal(first, second) {
		return nil, errors.New("the two passphrases differ")
	}
	return first, nil
}

// recordRun adds a backup made by hand to the record the System tab reads.
func recordRun(dbPath, out string, start time.Time, sum backup.Summary, err error, stderr io.Writer) {
	abs, aerr := filepath.Abs(out)
	if aerr != nil {
		abs = out
	}
	run := store.BackupRun{At: start, Took: time.Since(start), OK: err == nil, Path: abs, Size: sum.Size, SHA256: sum.SHA256,
		Encrypted: sum.Encrypted, Patients: sum.Patients, Appointments: sum.Appointments}
	if err != nil {
		run.Error = err.Error()
	}
	if rerr := store.RecordBackupRun(dbPath, run); rerr != nil {
		fmt.Fprintln(stderr, textsafe.Line(rerr.Error()))
	}
}

func encryptedWord(encrypted bool) string {
	if encrypted {
		return "encrypted with age"
	}
	return "UNENCRYPTED"
}

func printSummary(w io.Writer, s backup.Summary) {
	if s.SHA256 != "" {
		fmt.Fprintf(w, "  size          %s (%d bytes)\n", humanBytes(s.Size), s.Size)
	}
	fmt.Fprintf(w, "  patients      %d\n", s.Patients)
	fmt.Fprintf(w, "  appointments  %d\n", s.Appointments)
	fmt.Fprintf(w, "  audit head    row %d, MAC %s\n", s.AuditRow, textsafe.Line(s.AuditMAC))
	fmt.Fprintf(w, "  audit rows    %d checked, and %d access log rows\n", s.AuditRows, s.AccessRows)
	fmt.Fprintf(w, "  schema        version %d\n", s.SchemaVersion)
	if s.SHA256 != "" {
		fmt.Fprintf(w, "  sha256        %s\n", s.SHA256)
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
