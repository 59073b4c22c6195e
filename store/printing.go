package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/printout"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

// Printing. A printout never goes to a path a user types: over SSH that would let any
// user overwrite any file the server can write. It goes either to the print directory
// beside the database, under a name made from its kind, its code and the time, or, when
// the admin has set a print command, to that command's standard input.
//
// The print command is split at spaces into a program and its arguments, and run
// without a shell: no quotes, pipes, redirections or variables. "lp -d frontdesk" runs
// the program lp with the arguments -d and frontdesk.

// PrintKind names a kind of printout; it begins the printout's file name.
type PrintKind string

// The printouts the desk makes.
const (
	PrintReceipt      PrintKind = "receipt"      // an appointment's receipt (front desk)
	PrintLabels       PrintKind = "labels"       // a fulfilment's dispensing labels
	PrintSaleReceipt  PrintKind = "sale-receipt" // a fulfilment's receipt (pharmacy)
	PrintPrescription PrintKind = "prescription" // a printed prescription
	PrintCloseOfDay   PrintKind = "close-of-day" // a closed till's report
	PrintExport       PrintKind = "export"       // a patient's whole record, at their request
)

// PrintTimeout is how long a print command may run before it is stopped.
const PrintTimeout = 30 * time.Second

// maxPrintCommand is the longest print command the settings accept.
const maxPrintCommand = 200

// Printed is a printout that was printed: its text, for the screen to show, and where it
// went, in words the screen shows as they are (empty when the print failed).
type Printed struct {
	Text  string
	Where string // "Saved as clinic.db.prints/receipt-APT000123-20261202-1405.txt" or "Sent to lp -d frontdesk"
	Path  string // the file written, when it went to the print directory
}

// PrintDir is the print directory of the database at dbPath: beside it, named after it.
func PrintDir(dbPath string) string { return dbPath + ".prints" }

// PrintDir is this database's print directory.
func (s *Store) PrintDir() string { return PrintDir(s.path) }

// PrintCommandArgs splits a print command into its program and arguments: at runs of
// spaces, nothing else (no quotes, no shell).
func PrintCommandArgs(command string) []string { return strings.Fields(command) }

// CheckPrintCommand says what is wrong with a print command the admin typed, or nil.
// Empty means "save to the print directory". The program must be found on the
// server's PATH (or be given by its path), and the command must not rely on a shell.
func CheckPrintCommand(command string) error {
	command = strings.TrimSpace(command)
	if command == "" {
		return nil
	}
	if err := checkText(SettingPrintCommand, "The print command", command, false); err != nil {
		return err
	}
	if len(command) > maxPrintCommand {
		return invalid(SettingPrintCommand, fmt.Sprintf("The print command must be at most %d characters.", maxPrintCommand))
	}
	if i := strings.IndexAny(command, "\"'`\\|&;<>$(){}*?~"); i >= 0 {
		return invalid(SettingPrintCommand, fmt.Sprintf("The print command is run without a shell, so %q means nothing to it: "+
			"write the program and its arguments separated by spaces, such as lp -d frontdesk.", command[i:i+1]))
	}
	program := PrintCommandArgs(command)[0]
	if _, err := exec.LookPath(program); err != nil {
		return invalid(SettingPrintCommand, fmt.Sprintf("There is no program %s on this server: install it, or give its full path.", program))
	}
	return nil
}

// printJob is a printout about to be printed: what it is, whose, and its text.
type printJob struct {
	kind      PrintKind
	code      string // the appointment, prescription or fulfilment code
	entity    string // the table of the row printed, for the access log
	entityID  int64
	patientID int64
	text      string
}

// print sends the printout where the settings say and records, in the access log, who
// printed what and where it went. When the print fails, the Printed it returns still
// holds the text, for the screen to show.
func (s *Store) print(ctx context.Context, actor Actor, job printJob) (Printed, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return Printed{}, err
	}
	p := Printed{Text: job.text}
	if args := PrintCommandArgs(set.PrintCommand); len(args) > 0 {
		if err := s.checkPrintCommandSealed(ctx, set.PrintCommand); err != nil {
			s.logAccess(ctx, actor, accessEntry{action: "print", entity: job.entity, entityID: job.entityID,
				patientID: job.patientID, allowed: false, reason: string(job.kind) + ": refused an unsealed print command"})
			return p, err
		}
		if err := runPrintCommand(ctx, PrintTimeout, args, job.text); err != nil {
			return p, err
		}
		p.Where = "Sent to " + strings.Join(args, " ")
	} else {
		path, err := writePrintFile(s.PrintDir(), job.kind, job.code, s.Now().In(set.Location()), job.text)
		if err != nil {
			return p, err
		}
		p.Path = path
		p.Where = "Saved as " + filepath.Join(filepath.Base(s.PrintDir()), filepath.Base(path))
	}
	s.logAccess(ctx, actor, accessEntry{action: "print", entity: job.entity, entityID: job.entityID,
		patientID: job.patientID, allowed: true, reason: string(job.kind) + ": " + p.Where})
	return p, nil
}

// writePrintFile writes text to a new file in dir (made 0700 if missing) named
// kind-code-YYYYMMDD-HHMM.txt, or with -2, -3… before .txt when that name is taken:
// files are created exclusively, never overwritten, and are 0600 whatever the umask.
func writePrintFile(dir string, kind PrintKind, code string, at time.Time, text string) (string, error) {
	return writePrintFileAs(dir, kind, code, at, ".txt", text)
}

// writePrintFileAs is writePrintFile with the file's extension (".txt", ".json").
func writePrintFileAs(dir string, kind PrintKind, code string, at time.Time, ext, text string) (string, error) {
	if err := makePrintDir(dir); err != nil {
		return "", err
	}
	base := string(kind) + "-" + fileSafe(code) + "-" + at.Format("20060102-1504")
	for n := 1; n <= 100; n++ {
		name := base + ext
		if n > 1 {
			name = fmt.Sprintf("%s-%d%s", base, n, ext)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", printDirError(dir, err)
		}
		err = f.Chmod(FileMode) // the umask may have taken bits away
		if err == nil {
			_, err = f.WriteString(text)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", printDirError(dir, err)
		}
		return path, nil
	}
	return "", invalid("print_directory", fmt.Sprintf("The print directory %s already holds 100 printouts named %s: try again in a minute.", dir, base))
}

// makePrintDir makes the print directory 0700, or checks that the one there is a
// directory (not a link to one elsewhere).
func makePrintDir(dir string) error {
	err := os.Mkdir(dir, DirMode)
	if err == nil {
		if err := os.Chmod(dir, DirMode); err != nil {
			return printDirError(dir, err)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return printDirError(dir, err)
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return printDirError(dir, err)
	}
	if !info.IsDir() {
		return invalid("print_directory", fmt.Sprintf("The print directory %s is not a directory: move it away, and print again.", dir))
	}
	return nil
}

func printDirError(dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return invalid("print_directory", fmt.Sprintf("The printout could not be saved in %s: %v.", dir, err))
}

// fileSafe keeps the letters, digits and hyphens of a code, so that a file name can
// hold nothing else; an empty result is "none".
func fileSafe(code string) string {
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, code)
	if safe == "" {
		return "none"
	}
	return safe
}

// runPrintCommand runs the program args[0] with the arguments args[1:], no shell, with
// text on its standard input, and stops it after timeout. A failure is said in words:
// the command, how it ended, and the first line it wrote.
func runPrintCommand(ctx context.Context, timeout time.Duration, args []string, text string) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin = strings.NewReader(text)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = time.Second // a child that keeps the output open does not hold us
	err := cmd.Run()
	if err == nil {
		return nil
	}
	name := strings.Join(args, " ")
	if ctx.Err() != nil {
		return invalid(SettingPrintCommand, fmt.Sprintf("The print command %s did not finish within %s and was stopped; the printout may not have printed.",
			name, timeout))
	}
	var exit *exec.ExitError
	how := err.Error()
	if errors.As(err, &exit) {
		how = fmt.Sprintf("it ended with exit status %d", exit.ExitCode())
	}
	msg := fmt.Sprintf("The print command %s failed: %s", name, how)
	if line, _, _ := strings.Cut(strings.TrimSpace(out.String()), "\n"); line != "" {
		msg += " (" + textsafe.Truncate(textsafe.Line(strings.TrimSpace(line)), 200) + ")"
	}
	return invalid(SettingPrintCommand, msg+".")
}

// PrintAppointmentReceipt prints an appointment's receipt (see Receipt).
func (s *Store) PrintAppointmentReceipt(ctx context.Context, actor Actor, appointmentID int64) (Printed, error) {
	defer s.timed("PrintAppointmentReceipt")()
	text, err := s.Receipt(ctx, actor, appointmentID)
	if err != nil {
		return Printed{}, err
	}
	job := printJob{kind: PrintReceipt, entity: "appointments", entityID: appointmentID, text: text}
	if err := s.readers.QueryRowContext(ctx, `SELECT coalesce(appointment_code, ''), patient_id FROM appointments WHERE id = ?`,
		appointmentID).Scan(&job.code, &job.patientID); err != nil {
		return Printed{}, translate(err)
	}
	return s.print(ctx, actor, job)
}

// PrintPrescription prints the prescription's page (see PrescriptionPage).
func (s *Store) PrintPrescription(ctx context.Context, actor Actor, prescriptionID int64) (Printed, error) {
	defer s.timed("PrintPrescription")()
	text, err := s.PrescriptionPage(ctx, actor, prescriptionID)
	if err != nil {
		return Printed{}, err
	}
	job := printJob{kind: PrintPrescription, entity: "prescriptions", entityID: prescriptionID, text: text}
	if err := s.readers.QueryRowContext(ctx, `SELECT coalesce(prescription_code, ''), patient_id FROM prescriptions WHERE id = ?`,
		prescriptionID).Scan(&job.code, &job.patientID); err != nil {
		return Printed{}, translate(err)
	}
	return s.print(ctx, actor, job)
}

// PrintLabels prints a fulfilment's dispensing labels (see Labels) on one sheet.
func (s *Store) PrintLabels(ctx context.Context, actor Actor, fulfilmentID int64) (Printed, error) {
	defer s.timed("PrintLabels")()
	labels, err := s.Labels(ctx, actor, fulfilmentID)
	if err != nil {
		return Printed{}, err
	}
	if len(labels) == 0 {
		return Printed{}, invalid("labels", "Nothing has been dispensed yet, so there are no labels to print.")
	}
	return s.printFulfilment(ctx, actor, PrintLabels, fulfilmentID, printout.LabelSheet(labels))
}

// PrintSaleReceipt prints a fulfilment's receipt (see SaleReceipt).
func (s *Store) PrintSaleReceipt(ctx context.Context, actor Actor, fulfilmentID int64) (Printed, error) {
	defer s.timed("PrintSaleReceipt")()
	text, err := s.SaleReceipt(ctx, actor, fulfilmentID)
	if err != nil {
		return Printed{}, err
	}
	return s.printFulfilment(ctx, actor, PrintSaleReceipt, fulfilmentID, text)
}

// printFulfilment prints a fulfilment's printout under its prescription's code, or
// F and its number for a walk-in sale (as its receipt is numbered).
func (s *Store) printFulfilment(ctx context.Context, actor Actor, kind PrintKind, id int64, text string) (Printed, error) {
	job := printJob{kind: kind, entity: "pharmacy_fulfillments", entityID: id, text: text}
	var rxCode string
	var patientID *int64
	if err := s.readers.QueryRowContext(ctx, `SELECT coalesce(r.prescription_code, ''), f.patient_id
		FROM pharmacy_fulfillments f LEFT JOIN prescriptions r ON r.id = f.prescription_id WHERE f.id = ?`,
		id).Scan(&rxCode, &patientID); err != nil {
		return Printed{}, translate(err)
	}
	job.code = rxCode
	if job.code == "" {
		job.code = fmt.Sprintf("F%06d", id)
	}
	if patientID != nil {
		job.patientID = *patientID
	}
	return s.print(ctx, actor, job)
}
