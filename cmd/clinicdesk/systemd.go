package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// printSystemdUnit prints a hardened systemd unit that runs serve on dbPath with the
// flags it was given (args, less --print-systemd-unit and --db): its own system user,
// write access only to the database's directory and the backup and replica
// directories, the rest of the system read-only, a private /tmp, restarted on failure.
func printSystemdUnit(w io.Writer, dbPath string, args []string) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot tell where this binary is: %w", err)
	}
	db, err := filepath.Abs(dbPath)
	if err != nil {
		return err
	}
	cmd := []string{exe, "serve", "--db", db}
	writable := []string{filepath.Dir(db)}
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		switch name {
		case "print-systemd-unit":
			continue
		case "db":
			if !hasValue {
				i++
			}
			continue
		}
		if !hasValue && name != "print-systemd-unit" && i+1 < len(args) && takesValue(name) {
			i++
			value, hasValue = args[i], true
		}
		if name == "backup-dir" || name == "replica" || name == "backup-passphrase-file" {
			if abs, err := filepath.Abs(value); err == nil {
				value = abs
			}
			if name != "backup-passphrase-file" && !slices.Contains(writable, value) {
				writable = append(writable, value)
			}
		}
		if hasValue {
			cmd = append(cmd, "--"+name+"="+value)
		} else {
			cmd = append(cmd, "--"+name)
		}
	}
	quoted := make([]string, len(cmd))
	for i, a := range cmd {
		quoted[i] = systemdQuote(a)
	}
	paths := make([]string, len(writable))
	for i, p := range writable {
		paths[i] = systemdQuote(p)
	}
	fmt.Fprintf(w, `# ClinicDesk over SSH. Install as /etc/systemd/system/clinicdesk.service, then:
#   useradd --system --home-dir %[1]s --shell /usr/sbin/nologin clinicdesk
#   chown -R clinicdesk: %[1]s && chmod 700 %[1]s
#   systemctl daemon-reload && systemctl enable --now clinicdesk
[Unit]
Description=ClinicDesk clinic desk server (SSH)
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=clinicdesk
Group=clinicdesk
ExecStart=%[2]s
Restart=on-failure
RestartSec=5s
TimeoutStopSec=90s
UMask=0077
ReadWritePaths=%[3]s
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
NoNewPrivileges=yes
CapabilityBoundingSet=
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictSUIDSGID=yes
RestrictNamespaces=yes
RestrictRealtime=yes
LockPersonality=yes
MemoryDenyWriteExecute=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
SystemCallArchitectures=native

[Install]
WantedBy=multi-user.target
`, systemdQuote(filepath.Dir(db)), strings.Join(quoted, " "), strings.Join(paths, " "))
	return nil
}

// takesValue says whether serve's flag name takes a value (all but the booleans).
func takesValue(name string) bool { return name != "print-systemd-unit" }

// systemdQuote quotes a word for a unit file's command line when it needs it.
func systemdQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"'\\$%;") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `$$`, `%`, `%%`)
	return `"` + r.Replace(s) + `"`
}
