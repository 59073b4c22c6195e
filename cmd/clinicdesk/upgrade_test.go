package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
)

// copyFixture copies a released version's upgrade fixture (with its key and witness,
// when it has them) into a directory of the test's own.
func copyFixture(t *testing.T, version string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "clinic.db")
	for _, suffix := range []string{"", ".audit-key", ".audit-witness"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "store", "testdata", "upgrade", version+".db"+suffix))
		if err != nil {
			if suffix != "" && os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		if err := os.WriteFile(db+suffix, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// Before this binary upgrades a file it takes a checked backup of it as it was, beside
// it, and says where; restoring that backup gives the old file back (upgraded by the
// restore, its audit trail intact). A v5 file, from before audit keys, is backed up too.
func TestAnUpgradeIsBackedUpFirstAndOneRestoreAway(t *testing.T) {
	t.Parallel()
	for _, version := range []string{"v5", "v8"} {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			db := copyFixture(t, version)
			_, stderr, err := clinic(t, db, "", "audit", "verify")
			if err != nil {
				t.Fatalf("open the %s file: %v\n%s", version, err, stderr)
			}
			backups, _ := filepath.Glob(db + ".before-upgrade-" + version + "-*.cdbackup")
			if len(backups) != 1 {
				t.Fatalf("backups before the upgrade: %v; stderr: %s", backups, stderr)
			}
			if !strings.Contains(stderr, "backed up (checked) in "+backups[0]) ||
				!strings.Contains(stderr, "clinicdesk restore --in "+backups[0]+" --db "+db) {
				t.Errorf("the upgrade did not say where its backup is: %s", stderr)
			}
			if info, err := os.Stat(backups[0]); err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("the backup: %v, %v", info, err)
			}
			if v, err := store.FileSchemaVersion(context.Background(), db); err != nil || v != store.SchemaVersion() {
				t.Errorf("the file was not upgraded: version %d, %v", v, err)
			}
			// Opening it again backs up nothing more.
			if _, _, err := clinic(t, db, "", "audit", "verify"); err != nil {
				t.Fatal(err)
			}
			if again, _ := filepath.Glob(db + ".before-upgrade-*"); len(again) != 1 {
				t.Errorf("a second open backed up again: %v", again)
			}
			target := filepath.Join(t.TempDir(), "restored.db")
			out, stderr, err := clinic(t, target, "", "restore", "--in", backups[0])
			if err != nil {
				t.Fatalf("restore the backup before the upgrade: %v\n%s", err, stderr)
			}
			if !strings.Contains(out, "upgraded from schema version "+strings.TrimPrefix(version, "v")) {
				t.Errorf("the restore did not say it upgraded the old file: %s", out)
			}
			if out, _, err := clinic(t, target, "", "audit", "verify"); err != nil || !strings.Contains(out, "intact") {
				t.Errorf("the restored file's audit: %s, %v", out, err)
			}
		})
	}
}

// serve --print-systemd-unit prints a hardened unit with serve's flags, and exits.
func TestServePrintsAHardenedSystemdUnit(t *testing.T) {
	t.Parallel()
	db := newClinicDB(t)
	backups := filepath.Join(t.TempDir(), "backups")
	pass := writeSecret(t, "pass", "a long clinic passphrase\n")
	out, _, err := clinic(t, db, "", "serve", "--print-systemd-unit", "--listen", "0.0.0.0:2222",
		"--backup-dir", backups, "--backup-passphrase-file", pass, "--replica", "/srv/replica")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"User=clinicdesk", "ProtectSystem=strict", "PrivateTmp=yes", "Restart=on-failure",
		"NoNewPrivileges=yes", "UMask=0077", "ReadWritePaths=" + filepath.Dir(db) + " " + backups + " /srv/replica",
		" serve --db " + db + " --listen=0.0.0.0:2222 --backup-dir=" + backups, "--replica=/srv/replica", "WantedBy=multi-user.target"} {
		if !strings.Contains(out, want) {
			t.Errorf("the unit lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "print-systemd-unit") {
		t.Errorf("the unit runs --print-systemd-unit:\n%s", out)
	}
	if _, err := os.Stat(backups); !os.IsNotExist(err) {
		t.Errorf("printing the unit made the backup directory: %v", err)
	}
}
