package backup

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
)

// pausingWriter tells the parent process (on stdout) once n bytes have gone through it,
// then blocks for ever: the backup is half-written when the parent kills it.
type pausingWriter struct {
	w io.Writer
	n int
}

func (p *pausingWriter) Write(b []byte) (int, error) {
	if len(b) >= p.n {
		n, err := p.w.Write(b[:p.n])
		if err != nil {
			return n, err
		}
		fmt.Println("half-written")
		select {}
	}
	p.n -= len(b)
	return p.w.Write(b)
}

// TestBackupHelperProcess is the backup the kill test kills; it runs only in a child.
func TestBackupHelperProcess(t *testing.T) {
	db, out := os.Getenv("CLINICDESK_BACKUP_HELPER_DB"), os.Getenv("CLINICDESK_BACKUP_HELPER_OUT")
	if db == "" {
		t.Skip("the kill test's child process")
	}
	o := encrypted()
	o.wrapOutput = func(w io.Writer) io.Writer { return &pausingWriter{w: w, n: 50000} }
	_, err := Create(context.Background(), db, out, o)
	t.Fatalf("the backup returned (%v) instead of pausing", err)
}

func TestABackupKilledHalfWayLeavesNoFile(t *testing.T) {
	live := clinic(t, 200)
	out := filepath.Join(t.TempDir(), "clinic.backup")
	cmd := exec.Command(os.Args[0], "-test.run=^TestBackupHelperProcess$")
	cmd.Env = append(os.Environ(), "CLINICDESK_BACKUP_HELPER_DB="+live, "CLINICDESK_BACKUP_HELPER_OUT="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "half-written\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the child said %q, %v", line, err)
	}
	if info, err := os.Stat(out + ".tmp"); err != nil || info.Size() == 0 {
		t.Fatalf("the half-written backup: %v, %v", info, err)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a backup killed half-way left %s: %v", out, err)
	}
	// The live file is whole, and the next backup names what the killed one left.
	patientIDs(t, live)
	_, err = Create(context.Background(), live, out, encrypted())
	if err == nil || !strings.Contains(err.Error(), out+".tmp is left from a backup that was interrupted") {
		t.Fatalf("the next backup: %v", err)
	}
	if work, _ := filepath.Glob(filepath.Join(filepath.Dir(live), ".clinicdesk-backup-*")); len(work) != 0 {
		t.Errorf("the killed backup's unencrypted snapshot is still there: %v", work)
	}
	os.Remove(out + ".tmp")
	if _, err := Create(context.Background(), live, out, encrypted()); err != nil {
		t.Fatalf("the backup after the killed one: %v", err)
	}
	if _, err := Verify(context.Background(), out, testKeys); err != nil {
		t.Errorf("verify: %v", err)
	}
	wantMode0600(t, out, store.LockPath(live))
}
