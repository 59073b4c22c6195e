package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A receipt printed with no print command is saved in the print directory beside the
// database, named from its kind, the appointment's code and the clinic time; a second
// print in the same minute gets a name of its own instead of replacing the first. Each
// file is the printout, owner-only, and each print is in the access log.
func TestPrintSavesInThePrintDirectory(t *testing.T) {
	w := newRxWorld(t)
	appt := w.appointment(t, w.doctor, w.patientID)
	var code string
	if err := w.s.readers.QueryRow(`SELECT appointment_code FROM appointments WHERE id = ?`, appt).Scan(&code); err != nil {
		t.Fatal(err)
	}
	want, err := w.s.Receipt(w.ctx, w.frontDesk.Actor(), appt)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(filepath.Dir(w.s.Path()), "clinic.db.prints")
	if w.s.PrintDir() != dir {
		t.Fatalf("PrintDir = %s, want %s", w.s.PrintDir(), dir)
	}
	stamp := w.clock.t.Format("20060102-1504")
	names := []string{"receipt-" + code + "-" + stamp + ".txt", "receipt-" + code + "-" + stamp + "-2.txt"}
	for _, name := range names {
		p, err := w.s.PrintAppointmentReceipt(w.ctx, w.frontDesk.Actor(), appt)
		if err != nil {
			t.Fatal(err)
		}
		if p.Path != filepath.Join(dir, name) || p.Where != "Saved as clinic.db.prints/"+name || p.Text != want {
			t.Fatalf("printed %+v, want %s", p, name)
		}
		text, err := os.ReadFile(p.Path)
		if err != nil || string(text) != want {
			t.Fatalf("%s holds %q, %v", name, text, err)
		}
		if info, _ := os.Stat(p.Path); info.Mode().Perm() != FileMode {
			t.Errorf("%s is %v, want 0600", name, info.Mode().Perm())
		}
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != DirMode {
		t.Errorf("the print directory is %v, want 0700", info.Mode().Perm())
	}
	if n := w.count(t, `SELECT count(*) FROM access_log WHERE action = 'print' AND entity = 'appointments'
		AND entity_id = ? AND user_id = ? AND patient_id = ? AND reason LIKE 'receipt: Saved as clinic.db.prints/receipt-%'`,
		appt, w.frontDesk.ID, w.patientID); n != 2 {
		t.Errorf("%d prints in the access log, want 2", n)
	}
	if _, err := w.s.PrintAppointmentReceipt(w.ctx, w.doctor.Actor(), appt); !errors.Is(err, ErrForbidden) {
		t.Errorf("a doctor printing a receipt: %v", err)
	}
}

// Under umask 0 the directory is still 0700 and the file 0600; a code is kept to its
// letters, digits and hyphens, so no name leaves the directory.
func TestPrintFileModesAndNames(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "clinic.db.prints")
	at := time.Date(2026, 12, 2, 14, 5, 59, 0, time.UTC)
	path, err := writePrintFile(dir, PrintLabels, "../../etc/pass wd", at, "LABEL\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "labels-etcpasswd-20261202-1405.txt"); path != want {
		t.Fatalf("saved as %s, want %s", path, want)
	}
	for p, mode := range map[string]os.FileMode{dir: DirMode, path: FileMode} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != mode {
			t.Errorf("%s: %v, %v; want %v", p, info.Mode().Perm(), err, mode)
		}
	}
	if path, _ := writePrintFile(dir, PrintSaleReceipt, "", at, "x"); filepath.Base(path) != "sale-receipt-none-20261202-1405.txt" {
		t.Errorf("no code: saved as %s", path)
	}
}

// A print directory that is a link, or a file, is refused rather than followed.
func TestPrintDirMustBeADirectory(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	link := filepath.Join(root, "clinic.db.prints")
	if err := os.Symlink(t.TempDir(), link); err != nil {
		t.Fatal(err)
	}
	if _, err := writePrintFile(link, PrintReceipt, "APT1", time.Now(), "x"); !errors.Is(err, ErrInvalid) ||
		!strings.Contains(err.Error(), "is not a directory") {
		t.Fatalf("a linked print directory: %v", err)
	}
}

// With a print command set, the printout goes to the command's standard input and
// nothing is saved; the screen is told where it went. Clearing the command goes back
// to the directory.
func TestPrintCommandGetsThePrintout(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	admin := mustUser(t, w.s, RoleAdmin, "admin@clinic.test", "Ada Admin")
	out := filepath.Join(t.TempDir(), "printer.txt")
	command := "tee  " + out
	if err := w.s.PutSetting(w.ctx, admin.Actor(), SettingPrintCommand, " "+command+" "); err != nil {
		t.Fatal(err)
	}
	if set, _ := w.s.Settings(w.ctx); set.PrintCommand != command {
		t.Fatalf("print command %q", set.PrintCommand)
	}
	appt := w.appointment(t, w.doctor, w.patientID)
	p, err := w.s.PrintAppointmentReceipt(w.ctx, w.frontDesk.Actor(), appt)
	if err != nil {
		t.Fatal(err)
	}
	if p.Where != "Sent to tee "+out || p.Path != "" {
		t.Fatalf("printed %+v", p)
	}
	if text, err := os.ReadFile(out); err != nil || string(text) != p.Text || !strings.Contains(p.Text, "RECEIPT") {
		t.Fatalf("the command got %q, %v", text, err)
	}
	if _, err := os.Stat(w.s.PrintDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the print directory was made: %v", err)
	}
	if err := w.s.PutSetting(w.ctx, admin.Actor(), SettingPrintCommand, "  "); err != nil {
		t.Fatal(err)
	}
	if p, err := w.s.PrintAppointmentReceipt(w.ctx, w.frontDesk.Actor(), appt); err != nil || p.Path == "" {
		t.Fatalf("after clearing the command: %+v, %v", p, err)
	}
	if err := w.s.PutSetting(w.ctx, w.frontDesk.Actor(), SettingPrintCommand, "tee "+out); !errors.Is(err, ErrForbidden) {
		t.Errorf("a receptionist setting the print command: %v", err)
	}
}

// The settings refuse a command that needs a shell or names no program here.
func TestCheckPrintCommand(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"", "  ", "tee /tmp/x", "cat"} {
		if err := CheckPrintCommand(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for command, says := range map[string]string{
		"lp -t 'My title'":                "without a shell",
		"cat > /etc/passwd":               "without a shell",
		"tee $HOME/x":                     "without a shell",
		"cat; rm -rf x":                   "without a shell",
		"no-such-printer-program-x":       "There is no program no-such-printer-program-x",
		"cat \x1b]52;c;x\x07":             "control characters",
		"tee " + strings.Repeat("x", 200): "at most 200",
	} {
		if err := CheckPrintCommand(command); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), says) {
			t.Errorf("%q: %v, want %q", command, err, says)
		}
	}
}

// A command that fails is reported with how it ended and the first line it wrote.
func TestPrintCommandFailure(t *testing.T) {
	t.Parallel()
	err := runPrintCommand(context.Background(), time.Minute,
		[]string{"sh", "-c", "cat >/dev/null; echo 'lp: printer frontdesk not found' >&2; exit 3"}, "RECEIPT\n")
	want := "The print command sh -c cat >/dev/null; echo 'lp: printer frontdesk not found' >&2; exit 3 failed: " +
		"it ended with exit status 3 (lp: printer frontdesk not found)."
	if !errors.Is(err, ErrInvalid) || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

// A command that does not finish in time is stopped and reported so; so is one the
// caller's deadline has already run out for.
func TestPrintCommandTimeout(t *testing.T) {
	t.Parallel()
	err := runPrintCommand(context.Background(), time.Millisecond, []string{"sleep", "600"}, "x")
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "sleep 600 did not finish within 1ms and was stopped") {
		t.Fatalf("blocked command: %v", err)
	}
	past, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	err = runPrintCommand(past, time.Minute, []string{"cat"}, "x")
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "cat did not finish") {
		t.Fatalf("deadline passed: %v", err)
	}
}

// A print command written into the file around the store (the sqlite3 shell, by someone
// who cannot read the audit key) is never run: with the audit trigger firing, with it
// dropped, and with the admin's sealed audit row rewritten to match. The printout's text
// still comes back, for the screen to show.
func TestPrintCommandWrittenAroundTheStoreIsNotRun(t *testing.T) {
	t.Parallel()
	for name, forge := range map[string][]string{
		"audited": {`UPDATE settings SET value = 'tee %s' WHERE key = 'print_command'`},
		"trigger dropped": {`DROP TRIGGER settings_audit_update`,
			`UPDATE settings SET value = 'tee %s' WHERE key = 'print_command'`},
		"sealed row rewritten": {`DROP TRIGGER settings_audit_update`, `DROP TRIGGER audit_log_no_update`,
			`UPDATE settings SET value = 'tee %s' WHERE key = 'print_command'`,
			`UPDATE audit_log SET new_values = json_set(new_values, '$[1]', 'tee %s')
			 WHERE id = (SELECT max(id) FROM audit_log WHERE table_name = 'settings')`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := newRxWorld(t)
			admin := mustUser(t, w.s, RoleAdmin, "admin@clinic.test", "Ada Admin")
			dir := t.TempDir()
			saved, forged := filepath.Join(dir, "saved.txt"), filepath.Join(dir, "forged.txt")
			if err := w.s.PutSetting(w.ctx, admin.Actor(), SettingPrintCommand, "tee "+saved); err != nil {
				t.Fatal(err)
			}
			appt := w.appointment(t, w.doctor, w.patientID)
			if _, err := w.s.PrintAppointmentReceipt(w.ctx, w.frontDesk.Actor(), appt); err != nil {
				t.Fatalf("the admin's own command: %v", err)
			}
			for _, query := range forge {
				mustRaw(t, w.s, strings.ReplaceAll(query, "%s", forged))
			}
			if set, _ := w.s.Settings(w.ctx); set.PrintCommand != "tee "+forged {
				t.Fatalf("the forged command did not reach the settings: %q", set.PrintCommand)
			}
			p, err := w.s.PrintAppointmentReceipt(w.ctx, w.frontDesk.Actor(), appt)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "was not saved by an admin") {
				t.Fatalf("printing with a forged command: %v", err)
			}
			if !strings.Contains(p.Text, "RECEIPT") || p.Where != "" {
				t.Errorf("the refused printout: %+v", p)
			}
			if _, err := os.Stat(forged); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the forged command ran: %v", err)
			}
		})
	}
}
