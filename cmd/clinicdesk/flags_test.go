package main

import (
	"bytes"
	"strings"
	"testing"
)

// exit runs a command line as main would and returns its exit status and output.
func exit(args ...string) (status int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	status = exitCode(run(args, strings.NewReader(""), &out, &errOut), &errOut)
	return status, out.String(), errOut.String()
}

func TestEveryCommandHasItsOwnHelp(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string // a line only this command's help has
	}{
		{[]string{"--help"}, "clinicdesk serve [--db PATH]"},
		{[]string{"-h"}, "clinicdesk serve [--db PATH]"},
		{[]string{"help"}, "clinicdesk serve [--db PATH]"},
		{[]string{"demo", "--help"}, "usage: clinicdesk demo"},
		{[]string{"serve", "-h"}, "usage: clinicdesk serve"},
		{[]string{"user", "--help"}, "clinicdesk user key-add"},
		{[]string{"user", "add", "--help"}, "usage: clinicdesk user add"},
		{[]string{"user", "list", "--help"}, "usage: clinicdesk user list"},
		{[]string{"user", "disable", "--help"}, "usage: clinicdesk user disable"},
		{[]string{"user", "enable", "-h"}, "usage: clinicdesk user enable"},
		{[]string{"user", "passwd", "--help"}, "usage: clinicdesk user passwd"},
		{[]string{"user", "key-add", "--help"}, "usage: clinicdesk user key-add"},
		{[]string{"audit", "--help"}, "usage: clinicdesk audit verify"},
		{[]string{"audit", "verify", "--help"}, "usage: clinicdesk audit verify"},
		{[]string{"version", "--help"}, "usage: clinicdesk version"},
		{[]string{"backup", "--help"}, "usage: clinicdesk backup --out FILE"},
		{[]string{"backup", "help"}, "usage: clinicdesk backup --out FILE"},
		{[]string{"backup", "verify", "--help"}, "clinicdesk backup verify --in FILE"},
		{[]string{"restore", "--help"}, "usage: clinicdesk restore --in FILE --db PATH"},
		{[]string{"export", "--help"}, "usage: clinicdesk export patient --code"},
		{[]string{"export", "patient", "-h"}, "usage: clinicdesk export patient --code"},
		{[]string{"access", "--help"}, "usage: clinicdesk access log"},
		{[]string{"access", "log", "--help"}, "usage: clinicdesk access log"},
	}
	for _, c := range cases {
		status, out, errOut := exit(c.args...)
		if status != 0 || !strings.Contains(out, c.want) || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout lacks %q:\n%s", c.args, status, errOut, c.want, out)
		}
	}
}

func TestAMistypedCommandLineIsOneSentenceAndExit2(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "unknown flag -bogus; 'clinicdesk --help' lists the flags"},
		{[]string{"audit", "verify", "--bogus"}, "unknown flag -bogus; 'clinicdesk audit verify --help'"},
		{[]string{"demo", "--seed", "x"}, `invalid value "x" for flag -seed`},
		{[]string{"serve", "--db"}, "flag needs an argument: -db"},
		{[]string{"audit", "verify", "extra"}, `unexpected argument "extra"`},
		{[]string{"audit"}, "audit needs a sub-command"},
		{[]string{"user"}, "user needs a sub-command"},
		{[]string{"user", "frob"}, `unknown sub-command "frob" of user`},
		{[]string{"user", "disable"}, "user disable needs --email"},
		{[]string{"frobnicate"}, "run 'clinicdesk help' for the list"},
		{[]string{"backup"}, "backup needs --out FILE"},
		{[]string{"backup", "--out", "f", "--plain", "--passphrase-file", "p"}, "takes no --passphrase-file or --recipient"},
		{[]string{"backup", "verify"}, "clinicdesk backup verify needs --in FILE"},
		{[]string{"restore", "--in", "f"}, "restore needs --db PATH"},
		{[]string{"restore", "--in", "f", "--db", "d", "--identity", "i", "--passphrase-file", "p"}, "not both"},
		{[]string{"export"}, "export needs what to export first"},
		{[]string{"export", "patient", "--out", "f"}, "export patient needs --code"},
		{[]string{"export", "patient", "--code", "PAT000001"}, "export patient needs --out FILE"},
		{[]string{"export", "patient", "--code", "P", "--out", "f", "--format", "xml"}, `--format "xml" is not json or text`},
		{[]string{"export", "patient", "--code", "P", "--out", "f", "--plain", "--recipient", "age1x"}, "takes no --passphrase-file"},
		{[]string{"access"}, "access needs 'log'"},
		{[]string{"access", "log", "--from", "yesterday"}, `--from "yesterday" is not a date`},
		{[]string{"access", "log", "--limit", "0"}, "--limit must be 1 to 200"},
	}
	for _, c := range cases {
		status, out, errOut := exit(c.args...)
		if status != 2 || out != "" || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", c.args, status, out, errOut, c.want)
		}
	}
}
