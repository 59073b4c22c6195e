package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// usageError is a command line that could not be understood (an unknown command or
// flag, a missing or unexpected argument). main exits 2 for it, as flag-parsing
// programs do, and 1 for a command that was understood but failed.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// flagSet is a command's flags and its own help text. Parse prints the help to stdout
// for -h or --help and returns flag.ErrHelp (main then exits 0); any other mistake
// comes back as one sentence naming the flag, never as the flag package's dump of
// every default.
type flagSet struct {
	*flag.FlagSet
	command string // as typed, e.g. "clinicdesk audit verify"
	help    string
	stdout  io.Writer
}

func newFlags(command, help string, stdout io.Writer) *flagSet {
	fs := flag.NewFlagSet(command, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, command: command, help: help, stdout: stdout}
}

// Parse parses args, which must hold flags only.
func (f *flagSet) Parse(args []string) error {
	err := f.FlagSet.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		f.printHelp()
		return flag.ErrHelp
	case err != nil:
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
			msg = "unknown flag " + name
		}
		return usagef("%s; '%s --help' lists the flags", msg, f.command)
	case f.NArg() > 0:
		return usagef("unexpected argument %q; '%s --help' shows the usage", f.Arg(0), f.command)
	}
	return nil
}

func (f *flagSet) printHelp() {
	fmt.Fprint(f.stdout, f.help)
	fmt.Fprintln(f.stdout, "\nFlags:")
	f.SetOutput(f.stdout)
	f.PrintDefaults()
	f.SetOutput(io.Discard)
}

// isHelp says whether args ask for help before any flag parsing, for commands that
// take a sub-command first ("clinicdesk user --help").
func isHelp(args []string) bool {
	return len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help")
}
